// The examples of docs/transcripts.md, "Speakers from prefixes", run as documented: each input
// block is written to the file the command after it names, and the command's output must be
// the lines shown under it.
#include <catch2/catch.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cli_runner.hpp"

using vtt_test::read_file;
using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

/// One documented run: the input file, the command's arguments and the output shown.
struct doc_example {
  std::string title;
  std::string input;
  std::vector<std::string> args;
  std::string output;
};

/// Splits a command line as a shell would for the quoting the docs use: words at spaces, "..."
/// and '...' quoting, `\"` and `\\` inside double quotes.
std::vector<std::string> split_command(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == ' ') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else if (c == '"' || c == '\'') {
      in_word = true;
      for (++i; i < line.size() && line[i] != c; ++i) {
        if (c == '"' && line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '"' || line[i + 1] == '\\')) ++i;
        word += line[i];
      }
    } else {
      in_word = true;
      word += c;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

/// `text` with each run of spaces made one space.
std::string collapsed(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c != ' ' || out.empty() || out.back() != ' ') out += c;
  }
  return out;
}

/// The fenced code blocks of `text`, each with the last `### ` title before it.
std::vector<std::pair<std::string, std::string>> code_blocks(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> blocks;
  std::string title;
  bool inside = false;
  std::string block;
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    if (line.starts_with("```")) {
      if (inside) blocks.emplace_back(title, block);
      inside = !inside;
      block.clear();
    } else if (inside) {
      block.append(line).append("\n");
    } else if (line.starts_with("### ")) {
      title = line.substr(4);
    }
  }
  return blocks;
}

/// The examples of a section ("## TITLE"): an input block, then a `$ vtt` block.
std::vector<doc_example> examples(std::string_view section = "Speakers from prefixes") {
  const std::string page = read_file(std::string(VTTKIT_DOCS_DIR) + "/transcripts.md");
  const std::size_t begin = page.find("\n## " + std::string(section));
  REQUIRE(begin != std::string::npos);
  const std::size_t end = page.find("\n## ", begin + 1);
  const auto blocks = code_blocks(std::string_view(page).substr(begin, end - begin));
  std::vector<doc_example> found;
  for (std::size_t i = 0; i + 1 < blocks.size(); ++i) {
    const std::string& run = blocks[i + 1].second;
    if (!run.starts_with("$ vtt ") || blocks[i].second.starts_with("$ ")) continue;
    const std::size_t newline = run.find('\n');
    auto args = split_command(std::string_view(run).substr(6, newline - 6));
    found.push_back({blocks[i].first, blocks[i].second, std::move(args), run.substr(newline + 1)});
  }
  return found;
}

/// Runs each example of a section: its input written to the file the command names last.
void check_examples(const std::vector<doc_example>& all) {
  for (const auto& example : all) {
    INFO(example.title << ": vtt " << example.args.front());
    temp_dir dir;
    auto args = example.args;
    write_file(dir.file(args.back()), example.input);
    args.back() = dir.file(args.back());
    const auto result = run_vtt(args);
    CHECK(result.code == 0);
    CHECK(result.err.empty());
    CHECK(result.out == example.output);
  }
}

}  // namespace

TEST_CASE("docs/transcripts.md: every prefix example gives the output shown", "[cli][prefix][docs]") {
  const auto all = examples();
  // Zoom (two), Otter, Rev, broadcast, court, Whisper, subtitles for the deaf, a pattern.
  CHECK(all.size() == 9);
  check_examples(all);
}

TEST_CASE("docs/transcripts.md: every stitch example gives the output shown", "[cli][stitch][docs]") {
  const auto all = examples("Stitch: one cue per sentence");
  // Overlapping speakers, a backchannel among them, other scripts.
  CHECK(all.size() == 3);
  check_examples(all);
}

TEST_CASE("speaker prefixes: vtt reads back the Name: labels of its own SubRip", "[cli][prefix]") {
  const std::string voiced =
      "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Rosa Lind>One.\n\n00:02.000 --> 00:03.000\n<v Rosa Lind>Two.\n\n"
      "00:03.000 --> 00:04.000\n<v Tom Okafor>Three.\n\n00:04.000 --> 00:05.000\n<v Rosa Lind>Four.\n";
  const auto srt = run_vtt({"convert", "--to", "srt"}, voiced);
  REQUIRE(srt.code == 0);
  REQUIRE(srt.out.find("Rosa Lind: One.") != std::string::npos);
  const auto table = run_vtt({"speakers", "--from", "srt", "--speakers-from-prefix"}, srt.out);
  CHECK(table.code == 0);
  CHECK(table.out.find("(none)") == std::string::npos);
  // Cues, turns, words, talk time, share, as worked out from the input above.
  CHECK(collapsed(table.out).find("Rosa Lind 3 2 3 0:00:03 75.0%") != std::string::npos);
  CHECK(collapsed(table.out).find("Tom Okafor 1 1 1 0:00:01 25.0%") != std::string::npos);
}

TEST_CASE("speaker prefixes: Zoom turns stay apart in merge", "[cli][prefix]") {
  const std::string zoom =
      "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nAndrew Knight: Hi.\n\n2\n00:00:02.000 --> 00:00:03.000\n"
      "Maria Lopez: Hello.\n\n3\n00:00:03.000 --> 00:00:04.000\nAndrew Knight: Shall we?\n";
  // Without the flag the names are text, and merge joins the three cues into one: a note says why
  // (a second "Andrew Knight" shows the name, and both count; a first use alone does not).
  const auto plain = run_vtt({"merge", "--to", "txt"}, zoom);
  CHECK(plain.out == "Andrew Knight: Hi. Maria Lopez: Hello. Andrew Knight: Shall we?\n");
  CHECK(plain.err ==
        "vtt: note: -: no <v> voices, but 2 cues start with a speaker's name (\"Andrew Knight:\"); "
        "--speakers-from-prefix takes them as speakers\n");
  CHECK(run_vtt({"merge", "-q", "--to", "txt"}, zoom).err.empty());
  // The prefix is quoted as written: a label of subtitles for the deaf has no colon.
  const auto sdh = run_vtt({"merge", "--to", "txt"}, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n[Alba] Hi.\n");
  CHECK(sdh.err ==
        "vtt: note: -: no <v> voices, but 1 cue starts with a speaker's name (\"[Alba]\"); "
        "--speakers-from-prefix takes them as speakers\n");
  CHECK(run_vtt({"convert", "--to", "txt"}, zoom).err.empty());  // no speaker-dependent step
  CHECK(run_vtt({"merge", "--speakers-from-prefix", "--to", "txt"}, zoom).out ==
        "Andrew Knight: Hi.\n\nMaria Lopez: Hello.\n\nAndrew Knight: Shall we?\n");
}

TEST_CASE("speaker prefixes: --prefix-pattern on a cue of 200,000 characters", "[cli][prefix]") {
  // The pattern walks every character up to a ':' there is none of; std::regex recursed once per
  // character and overflowed the stack (a crash from 20,000 characters on).
  std::string words;
  for (int i = 0; i < 40000; ++i) words += "word ";
  const auto r = run_vtt(
      {"convert", "--prefix-pattern", "^([^:]+):", "--to", "txt"},
      "WEBVTT\n\n00:00:00.000 --> 00:00:09.000\n" + words + "\n\n00:00:10.000 --> 00:00:11.000\nAnn: hi\n");
  CHECK(r.code == 0);
  CHECK(r.out.size() > words.size());
  CHECK(r.out.find("Ann: hi") != std::string::npos);
}

TEST_CASE("speaker prefixes: --speaker-names and --prefix-pattern turn prefixes on", "[cli][prefix]") {
  const std::string text = "WEBVTT\n\n00:01.000 --> 00:02.000\njsmith: hi\n\n00:02.000 --> 00:03.000\nNote: hi\n";
  CHECK(run_vtt({"convert", "--speaker-names", "jsmith", "--to", "txt"}, text).out == "jsmith: hi Note: hi\n");
  CHECK(run_vtt({"convert", "--speaker-names", "JSmith,note", "--to", "txt"}, text).out == "jsmith: hi\n\nNote: hi\n");
  CHECK(run_vtt({"convert", "--prefix-pattern", "([a-z]+): ", "--to", "txt"}, text).out == "jsmith: hi Note: hi\n");
  const auto bad = run_vtt({"convert", "--prefix-pattern", "(", "--to", "txt"}, text);
  CHECK(bad.code == 2);
  CHECK(bad.err.find("vtt: --prefix-pattern \"(\": ") == 0);
  const auto empty = run_vtt({"convert", "--speaker-names", "a,,b"}, text);
  CHECK(empty.code == 2);
  CHECK(empty.err.find("--speaker-names \"a,,b\"") != std::string::npos);
}

TEST_CASE("docs/transcripts.md: every paragraph example gives the output shown", "[cli][paragraph][docs]") {
  const auto all = examples("Paragraphs");
  // A pause cuts a paragraph; --drop-sounds and a longer --paragraph-gap.
  CHECK(all.size() == 2);
  check_examples(all);
}

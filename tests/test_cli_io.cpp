// End-to-end runs of the vtt program: output order and JSON of several inputs, flag checks.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "cli_runner.hpp"

using vtt_test::read_file;
using vtt_test::run_vtt;
using vtt_test::temp_dir;
using vtt_test::write_file;

namespace {

/// A WebVTT file of `cues` cues of three speakers with varied text, the same for the same seed.
std::string generated_vtt(std::uint32_t seed, std::size_t cues) {
  static const char* const words[] = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta.", "eta,", "theta?"};
  static const char* const speakers[] = {"Ann", "Bo", "Cy"};
  auto next = [&seed] { return seed = seed * 1664525u + 1013904223u, seed >> 8; };
  std::string out = "WEBVTT - file " + std::to_string(seed) + "\n";
  long long t = 0;
  for (std::size_t i = 0; i < cues; ++i) {
    const long long start = t;
    t += 500 + next() % 2500;
    auto stamp = [](long long ms) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
                    ms % 1000);
      return std::string(buf);
    };
    out += "\n" + stamp(start) + " --> " + stamp(t) + "\n<v " + speakers[next() % 3] + ">";
    const auto n = 3 + next() % 12;
    for (unsigned w = 0; w < n; ++w) out += std::string(w ? " " : "") + words[next() % 8];
    out += "\n";
  }
  return out;
}

/// Three multi-megabyte inputs, the first the largest (the others finish first and wait).
struct big_inputs {
  temp_dir dir;
  std::vector<std::string> paths;
  big_inputs() {
    const std::size_t sizes[] = {45000, 12000, 30000};
    for (std::size_t i = 0; i < 3; ++i) {
      paths.push_back(dir.file("in" + std::to_string(i) + ".vtt"));
      write_file(paths.back(), generated_vtt(static_cast<std::uint32_t>(i + 1), sizes[i]));
    }
  }
};

/// A strict JSON reader that only checks: `parse_value` moves `p` past one value, false if
/// the text there is not JSON (RFC 8259).
struct json_checker {
  const std::string& s;
  std::size_t p = 0;
  void space() {
    while (p < s.size() && (s[p] == ' ' || s[p] == '\n' || s[p] == '\t' || s[p] == '\r')) ++p;
  }
  bool literal(const char* word) {
    const std::string w = word;
    if (s.compare(p, w.size(), w) != 0) return false;
    p += w.size();
    return true;
  }
  bool string() {
    if (s[p] != '"') return false;
    for (++p; p < s.size() && s[p] != '"'; ++p) {
      if (static_cast<unsigned char>(s[p]) < 0x20) return false;
      if (s[p] == '\\') ++p;
    }
    return p++ < s.size();
  }
  bool number() {
    const auto start = p;
    while (p < s.size() && std::string_view("+-0123456789.eE").find(s[p]) != std::string_view::npos) ++p;
    return p > start;
  }
  /// An array or object: `close` ends it; `member` reads "key": before each value.
  bool items(char close, bool member, std::size_t* count) {
    ++p;
    space();
    if (p < s.size() && s[p] == close) return ++p, true;
    for (;;) {
      space();
      if (member && (!string() || (space(), p >= s.size() || s[p++] != ':'))) return false;
      if (!parse_value()) return false;
      if (count) ++*count;
      space();
      if (p >= s.size()) return false;
      if (s[p] == close) return ++p, true;
      if (s[p++] != ',') return false;
    }
  }
  bool parse_value(std::size_t* count = nullptr) {
    space();
    if (p >= s.size()) return false;
    switch (s[p]) {
      case '{': return items('}', true, nullptr);
      case '[': return items(']', false, count);
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return number();
    }
  }
};

/// The number of elements when `text` is exactly one JSON array; -1 when it is not.
long json_array_size(const std::string& text) {
  if (text.empty() || text[0] != '[') return -1;
  json_checker c{text};
  std::size_t n = 0;
  if (!c.parse_value(&n)) return -1;
  c.space();
  return c.p == text.size() ? static_cast<long>(n) : -1;
}

/// Whether `text` is exactly one JSON value.
bool is_json(const std::string& text) {
  json_checker c{text};
  if (!c.parse_value()) return false;
  c.space();
  return c.p == text.size();
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

}  // namespace

TEST_CASE("several inputs to standard output: the same bytes for any -j, in input order", "[cli][jobs]") {
  const big_inputs in;
  REQUIRE(read_file(in.paths[0]).size() > (std::size_t{2} << 20));
  const std::vector<std::vector<std::string>> commands{
      {"convert", "--to", "srt"}, {"convert", "--to", "json"}, {"merge"}, {"stitch", "--max-chars", "40"}, {"speakers"},
      {"speakers", "--json"}};
  for (const auto& cmd : commands) {
    INFO(cmd[0] + " " + cmd.back());
    // In input order: each input's own output, one after the other (JSON: see the next test),
    // WebVTT and SubRip documents with an empty line between them.
    const bool separated = cmd[0] != "speakers";
    std::string concatenated;
    for (const auto& p : in.paths)
      concatenated += (separated && !concatenated.empty() ? "\n" : "") + run_vtt(with(cmd, {p})).out;
    std::string first;
    for (const char* j : {"-j1", "-j2", "-j8"}) {
      INFO(j);
      const auto r = run_vtt(with(cmd, {j, in.paths[0], in.paths[1], in.paths[2]}));
      REQUIRE(r.code == 0);
      if (first.empty()) first = r.out;
      CHECK(r.out.size() == first.size());
      CHECK(r.out == first);
      if (cmd.back() != "json" && cmd.back() != "--json") CHECK(r.out == concatenated);
    }
  }
}

TEST_CASE("several WebVTT or SubRip documents to one stream: an empty line between, a warning", "[cli][jobs]") {
  temp_dir dir;
  write_file(dir.file("a.vtt"), "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne.\n");
  write_file(dir.file("b.vtt"), "WEBVTT\n\n00:00:03.000 --> 00:00:04.000\nTwo.\n");
  auto r = run_vtt({"convert", dir.file("a.vtt"), dir.file("b.vtt")});
  CHECK(r.code == 0);
  // Read back, the second header is a dropped block, never part of the cue "One.".
  CHECK(r.out == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne.\n\nWEBVTT\n\n00:00:03.000 --> 00:00:04.000\nTwo.\n");
  CHECK(r.err.find("vtt: warning: 2 WebVTT documents one after another on standard output, an empty line between "
                   "them ('vtt concat' joins files into one; --out-dir writes one file each)\n") == 0);
  r = run_vtt({"convert", "--to", "srt", dir.file("a.vtt"), dir.file("b.vtt")});
  CHECK(r.out == "1\n00:00:01,000 --> 00:00:02,000\nOne.\n\n1\n00:00:03,000 --> 00:00:04,000\nTwo.\n");
  CHECK(r.err.find("2 SubRip documents") != std::string::npos);
  r = run_vtt({"convert", "--to", "txt", dir.file("a.vtt"), dir.file("b.vtt")});  // text: as written
  CHECK(r.out == "One.\nTwo.\n");
  CHECK(r.err.empty());
}

TEST_CASE("several JSON documents to one stream make one JSON array, in input order", "[cli][jobs]") {
  temp_dir dir;
  const auto a = dir.file("a.vtt"), b = dir.file("b.vtt");
  write_file(a, "WEBVTT First\n\n00:01.000 --> 00:02.000\n<v Ann>One.\n");
  write_file(b, "WEBVTT Second\n\n00:01.000 --> 00:02.000\n<v Bo>Two.\n");
  CHECK(json_array_size("[1, {\"a\": [2]}]") == 2);  // the checker itself
  CHECK(json_array_size("[1] [2]") == -1);
  CHECK(!is_json("{\"a\": 1}\n{\"a\": 2}"));
  for (const char* fmt : {"json", "podcast-json"}) {
    INFO(fmt);
    const auto one = run_vtt({"convert", "--to", fmt, a});  // one input: the document itself, as before
    CHECK(is_json(one.out));
    CHECK(one.out[0] == '{');
    const auto r = run_vtt({"convert", "-j2", "--to", fmt, a, b});
    CHECK(r.code == 0);
    CHECK(json_array_size(r.out) == 2);
    CHECK(r.out == "[\n" + one.out + ",\n" + run_vtt({"convert", "--to", fmt, b}).out + "]\n");
  }
  const auto json = run_vtt({"convert", "--to", "json", a, b}).out;
  CHECK(json.find("\"First\"") < json.find("\"Second\""));
  const auto speakers = run_vtt({"speakers", "--json", "-j2", a, b});
  CHECK(json_array_size(speakers.out) == 2);
  CHECK(speakers.out.find("\"Ann\"") < speakers.out.find("\"Bo\""));
  // jsonl stays JSON Lines: the lines of each input, one after the other.
  const auto lines = run_vtt({"convert", "--to", "jsonl", a, b}).out;
  CHECK(lines == run_vtt({"convert", "--to", "jsonl", a}).out + run_vtt({"convert", "--to", "jsonl", b}).out);
}

TEST_CASE("several JSON inputs with one unreadable: the others still make a valid array", "[cli][jobs]") {
  temp_dir dir;
  const auto a = dir.file("a.vtt");
  write_file(a, "WEBVTT\n\n00:01.000 --> 00:02.000\nOne.\n");
  const auto r = run_vtt({"convert", "--to", "json", dir.file("missing.vtt"), a, a});
  CHECK(r.code == 2);
  CHECK(json_array_size(r.out) == 2);
  CHECK(r.err.find("missing.vtt") != std::string::npos);
}

TEST_CASE("the -j flag takes 0 (all cores) to 1024 workers, anything else is a usage error in words", "[cli][jobs]") {
  const std::string vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\nOne.\n";
  const auto expected = run_vtt({"convert"}, vtt).out;
  for (const char* ok : {"0", "1", "1024"}) {
    INFO(ok);
    const auto r = run_vtt({"convert", "-j", ok}, vtt);
    CHECK(r.code == 0);
    CHECK(r.out == expected);
  }
  for (const char* cmd : {"convert", "merge", "stitch", "speakers", "lint", "fmt"}) {
    INFO(cmd);
    const auto huge = run_vtt({cmd, "-j", "4294967294"}, vtt);
    CHECK(huge.code == 2);
    CHECK(huge.out.empty());
    CHECK(huge.err.find("-j, --jobs must be from 0 (all cores) to 1024 workers, not 4294967294") != std::string::npos);
    const auto negative = run_vtt({cmd, "-j", "-3"}, vtt);
    CHECK(negative.code == 2);
    CHECK(negative.err.find("must be from 0 (all cores) to 1024 workers, not -3") != std::string::npos);
    const auto word = run_vtt({cmd, "--jobs", "many"}, vtt);
    CHECK(word.code == 2);
    CHECK(word.err.find("-j, --jobs: not a number of workers: 'many'") != std::string::npos);
  }
  CHECK(run_vtt({"convert", "-j", "1025"}, vtt).code == 2);
  CHECK(run_vtt({"convert", "-j", "1.5"}, vtt).code == 2);
}

TEST_CASE("convert -o FILE without --to writes the format of FILE's extension", "[cli][convert]") {
  temp_dir dir;
  const std::string vtt = "WEBVTT\n\n00:01.000 --> 00:02.500\n<v Ann>One.\n";
  const std::string srt = "1\n00:00:01,000 --> 00:00:02,500\nAnn: One.\n";
  auto r = run_vtt({"convert", "-o", dir.file("out.srt")}, vtt);
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(read_file(dir.file("out.srt")) == srt);
  CHECK(run_vtt({"convert", "-o", dir.file("OUT.SRT")}, vtt).code == 0);  // case ignored
  CHECK(read_file(dir.file("OUT.SRT")) == srt);
  CHECK(run_vtt({"merge", "-o", dir.file("m.srt")}, vtt).code == 0);
  CHECK(read_file(dir.file("m.srt")) == srt);
  CHECK(run_vtt({"convert", "-o", dir.file("out.json")}, vtt).code == 0);  // json, not podcast-json
  CHECK(read_file(dir.file("out.json")).rfind("{\"title\": null, \"cues\": [", 0) == 0);
  CHECK(run_vtt({"convert", "-o", dir.file("out.txt")}, vtt).code == 0);
  CHECK(read_file(dir.file("out.txt")) == "Ann: One.\n");
  // An unknown extension: vtt as before.
  CHECK(run_vtt({"convert", "-o", dir.file("out.captions")}, vtt).code == 0);
  CHECK(read_file(dir.file("out.captions")).rfind("WEBVTT\n", 0) == 0);
  // --to wins; a known extension that disagrees is a warning.
  r = run_vtt({"convert", "--to", "vtt", "-o", dir.file("x.srt")}, vtt);
  CHECK(r.code == 0);
  CHECK(read_file(dir.file("x.srt")).rfind("WEBVTT\n", 0) == 0);
  CHECK(r.err.find("warning: -o " + dir.file("x.srt") + ": the extension is that of srt, but --to vtt is written") !=
        std::string::npos);
  r = run_vtt({"convert", "--to", "podcast-json", "-o", dir.file("p.json")}, vtt);  // the same extension
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(run_vtt({"convert", "-q", "--to", "vtt", "-o", dir.file("y.srt")}, vtt).err.empty());
}

TEST_CASE("conflicting outputs and inputs that are not there create nothing", "[cli][convert]") {
  temp_dir dir;
  const auto in = dir.file("in.vtt");
  write_file(in, "WEBVTT\n\n00:01.000 --> 00:02.000\nOne.\n");
  // -o with --out-dir: a usage error before anything is written.
  auto r = run_vtt({"convert", "-o", dir.file("o.vtt"), "--out-dir", dir.file("outs"), in});
  CHECK(r.code == 2);
  CHECK(r.err.find("--out-dir") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.file("outs")));
  CHECK(!std::filesystem::exists(dir.file("o.vtt")));
  // -r over a missing folder: an error, and no output folder.
  r = run_vtt({"convert", "-r", dir.file("missing"), "--out-dir", dir.file("outs")});
  CHECK(r.code == 2);
  CHECK(r.err.find("missing") != std::string::npos);
  CHECK(!std::filesystem::exists(dir.file("outs")));
  // -r that finds no input file: an error.
  std::filesystem::create_directory(dir.file("empty"));
  write_file(dir.file("empty/notes.md"), "not a subtitle\n");
  r = run_vtt({"convert", "-r", dir.file("empty"), "--out-dir", dir.file("outs")});
  CHECK(r.code == 2);
  CHECK(r.err == "vtt: " + dir.file("empty") + ": no .vtt or .srt files in the folder\n");
  CHECK(!std::filesystem::exists(dir.file("outs")));
  // And a folder that has one still works.
  r = run_vtt({"convert", "-r", dir.path, "--out-dir", dir.file("outs"), "--to", "srt"});
  CHECK(r.code == 0);
  CHECK(read_file(dir.file("outs/in.srt")) == "1\n00:00:01,000 --> 00:00:02,000\nOne.\n");
}

TEST_CASE("numeric flags refuse negatives and nonsense in words, times take units", "[cli][flags]") {
  const std::string vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>One.\n\n00:03.000 --> 00:04.000\n<v Ann>Two.\n";
  struct refusal {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<refusal> refused{
      {{"merge", "--max-chars", "-5"}, "--max-chars must be 0 or more, not -5"},
      {{"stitch", "--max-chars", "-1"}, "--max-chars must be 0 or more, not -1"},
      {{"convert", "--merge", "--max-chars", "ten"}, "--max-chars: not a whole number: 'ten'"},
      {{"merge", "--max-gap", "-1"}, "--max-gap must be 0 or more seconds, not -1"},
      {{"merge", "--max-gap", "x"}, "--max-gap: not a number of seconds: 'x' (write 1.5, 1.5s, 1500ms or 00:01.500)"},
      {{"merge", "--max-gap", "1h"}, "--max-gap: not a number of seconds: '1h' (write 1.5, 1.5s, 1500ms or 00:01.500)"},
      {{"merge", "--max-gap", "1e20"},
       "--max-gap: not a number of seconds: '1e20' (write 1.5, 1.5s, 1500ms or 00:01.500)"},
      {{"merge", "--max-gap", "99999999999999"}, "--max-gap must be at most 999999999999 seconds, not 99999999999999"},
      {{"stitch", "--max-duration", "-00:01.000"}, "--max-duration must be 0 or more seconds, not -00:01.000"},
      {{"merge", "--max-chars", "1e20"}, "--max-chars: not a whole number: '1e20'"},
      {{"merge", "--max-chars", "99999999999999999999"},
       "--max-chars must be at most 1000000000, not 99999999999999999999"},
      // lint's thresholds: the same flags as the other commands, the same words
      {{"lint", "--max-line-length", "-3"}, "--max-line-length must be 0 or more, not -3"},
      {{"lint", "--max-lines", "two"}, "--max-lines: not a whole number: 'two'"},
      {{"lint", "--max-cps", "-1"}, "--max-cps must be 0 or more characters per second, not -1"},
      {{"lint", "--max-cps", "nan"}, "--max-cps: not a number: 'nan' (write 17 or 17.5)"},
      {{"lint", "--max-cps", "inf"}, "--max-cps: not a number: 'inf' (write 17 or 17.5)"},
      {{"lint", "--min-duration", "-1"}, "--min-duration must be 0 or more seconds, not -1"},
      {{"lint", "--min-gap", "abc"},
       "--min-gap: not a number of seconds: 'abc' (write 1.5, 1.5s, 1500ms or 00:01.500)"},
      {{"lint", "--max-duration", "1e20"},
       "--max-duration: not a number of seconds: '1e20' (write 1.5, 1.5s, 1500ms or 00:01.500)"},
  };
  for (const auto& r : refused) {
    INFO(r.args[0] + " " + r.args[r.args.size() - 2] + " " + r.args.back());
    const auto got = run_vtt(r.args, vtt);
    CHECK(got.code == 2);
    CHECK(got.out.empty());
    CHECK(got.err.rfind("vtt: " + r.message + "\n", 0) == 0);
    CHECK(got.err.find("179769313486231570814527") == std::string::npos);
  }
  // The gap between the cues is 1 s: joined at --max-gap 1 in every spelling, not at 0.999.
  const std::string joined = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ann>One. Two.\n";
  for (const char* gap : {"1", "1.0", "1s", "1000ms", "00:01.000"}) {
    INFO(gap);
    const auto r = run_vtt({"merge", "--max-gap", gap}, vtt);
    CHECK(r.code == 0);
    CHECK(r.out == joined);
  }
  CHECK(run_vtt({"merge", "--max-gap", "999ms"}, vtt).out != joined);
  // lint's time thresholds take the same spellings: a 1 s cue is too short under 1.001 s only;
  // "One." is 4 characters in 1 s: over --max-cps 3.5, not over 4.5.
  for (const char* shortest : {"1.001", "1001ms", "1.001s", "00:01.001"}) {
    INFO(shortest);
    const auto r = run_vtt({"lint", "--select", "S204", "--min-duration", shortest}, vtt);
    CHECK(r.out.find("[S204]") != std::string::npos);
  }
  CHECK(run_vtt({"lint", "--select", "S204", "--min-duration", "1s"}, vtt).out.empty());
  CHECK(run_vtt({"lint", "--select", "S203", "--max-cps", "4.5"}, vtt).out.find("[S203]") == std::string::npos);
  CHECK(run_vtt({"lint", "--select", "S203", "--max-cps", "3.5"}, vtt).out.find("[S203]") != std::string::npos);
}

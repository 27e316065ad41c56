// Tests for roll-up captions (rollup_filter), through the pipeline as the program runs them.
// The inputs are written for these tests in the shape of YouTube's automatic captions
// (yt-dlp --write-auto-subs) and of rolling broadcast captions.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/pipeline.hpp>
#include <vttkit/transform.hpp>

#include "transform_support.hpp"

using transform_test::make_cue;
using transform_test::parsed_cue;
using transform_test::split_words;
using transform_test::texts;
using vttkit::cue;
using vttkit::timed_word;

namespace {

/// The shape of an automatic caption file: each cue shows the previous line again (plain) and
/// the new line with `<c>` word timings; 10 ms hold cues repeat the new line alone. The last
/// line is a single word, which has no timestamp at all.
const std::string youtube_shape =
    "WEBVTT\nKind: captions\nLanguage: en\n\n"
    "00:00:00.500 --> 00:00:02.000 align:start position:0%\n"
    " \nboats<00:00:00.800><c> leave</c><00:00:01.200><c> the</c><00:00:01.500><c> harbour</c>\n\n"
    "00:00:02.000 --> 00:00:02.010 align:start position:0%\n"
    "boats leave the harbour\n \n\n"
    "00:00:02.010 --> 00:00:04.000 align:start position:0%\n"
    "boats leave the harbour\nat<00:00:02.400><c> dawn</c><00:00:03.000><c> every</c><00:00:03.500><c> day</c>\n\n"
    "00:00:04.000 --> 00:00:04.010 align:start position:0%\n"
    "at dawn every day\n \n\n"
    "00:00:04.010 --> 00:00:05.000 align:start position:0%\n"
    "at dawn every day\nyes\n\n"
    "00:00:05.000 --> 00:00:05.010 align:start position:0%\n"
    "yes\n \n";

std::vector<cue> cues_of(const std::string& file) { return vttkit::parse(file).document.cues; }

std::vector<cue> run(const vttkit::pipeline_options& options, std::vector<cue> cues, std::size_t* removed = nullptr) {
  std::vector<cue> out;
  vttkit::pipeline pipe{options, [&out](const cue& c) { out.push_back(c); }};
  for (cue& c : cues) pipe.push(c);
  pipe.finish();
  if (removed) *removed = pipe.rollup_removed();
  return out;
}

std::vector<cue> run(std::vector<cue> cues, vttkit::rollup_mode mode = vttkit::rollup_mode::automatic) {
  vttkit::pipeline_options o;
  o.rollup = mode;
  return run(o, std::move(cues));
}

/// Plain cues, one line each unless the text has LF.
std::vector<cue> plain_cues(const std::vector<std::string>& lines) {
  std::vector<cue> cues;
  vttkit::millis t = 0;
  for (const auto& text : lines) {
    cues.push_back(make_cue("", t, t + 1000, text));
    t += 1000;
  }
  return cues;
}

}  // namespace

TEST_CASE("roll-up: automatic captions give each line once, with its word times", "[rollup]") {
  std::size_t removed = 0;
  const auto out = run(vttkit::pipeline_options{}, cues_of(youtube_shape), &removed);
  // By hand: three new lines; the hold cues and the repeated first lines go, as do the
  // white-space-only lines. Each cue keeps its own times and settings.
  REQUIRE(texts(out) == std::vector<std::string>{"boats leave the harbour", "at dawn every day", "yes"});
  CHECK(out[0].start == 500);
  CHECK(out[0].end == 2000);
  CHECK(out[1].start == 2010);
  CHECK(out[2].start == 4010);
  CHECK(out[2].end == 5000);
  CHECK(out[0].settings.size() == 2);
  CHECK(out[0].payload == "boats<00:00:00.800><c> leave</c><00:00:01.200><c> the</c><00:00:01.500><c> harbour</c>");
  CHECK(out[1].payload == "at<00:00:02.400><c> dawn</c><00:00:03.000><c> every</c><00:00:03.500><c> day</c>");
  CHECK(out[0].words == std::vector<timed_word>{
                            {"boats", 500, 800}, {"leave", 800, 1200}, {"the", 1200, 1500}, {"harbour", 1500, 2000}});
  CHECK(out[1].words ==
        std::vector<timed_word>{{"at", 2010, 2400}, {"dawn", 2400, 3000}, {"every", 3000, 3500}, {"day", 3500, 4000}});
  CHECK(out[2].words.empty());  // a one-word line has no timestamp
  // Lines removed: the repeated first lines of the 2nd and 3rd new cue, and the 3 hold cues' lines.
  CHECK(removed == 5);
}

TEST_CASE("roll-up: the words kept are the <c>-timed words plus each new line's first word", "[rollup]") {
  // The rule, checked on the shape above: the words of the result are, in order, for each line
  // that has <c> timings, the word before its first timestamp and its <c> words; then lines
  // without timings that no earlier cue showed.
  std::vector<std::string> words;
  for (const cue& c : run(cues_of(youtube_shape)))
    for (auto& w : split_words(c.text)) words.push_back(w);
  CHECK(words == std::vector<std::string>{"boats", "leave", "the", "harbour", "at", "dawn", "every", "day", "yes"});
}

TEST_CASE("roll-up: --rollup off keeps every cue as written", "[rollup]") {
  const auto in = cues_of(youtube_shape);
  const auto out = run(in, vttkit::rollup_mode::off);
  REQUIRE(out.size() == in.size());
  CHECK(texts(out) == texts(in));
}

TEST_CASE("roll-up: rolling captions without word timings", "[rollup]") {
  // Two-line roll-up: each cue starts with the last line of the cue before.
  const auto out = run(
      plain_cues({"the tide is", "the tide is\nhigh tonight", "high tonight\nand the wind", "and the wind\nis up"}));
  CHECK(texts(out) == std::vector<std::string>{"the tide is", "high tonight", "and the wind", "is up"});
  CHECK(out[1].start == 1000);
  CHECK(out[1].payload == "high tonight");
  // A line that grows word by word keeps only its new words.
  const auto grown = run(plain_cues({"so the", "so the first thing", "so the first thing we do", "so the first"}));
  CHECK(texts(grown) == std::vector<std::string>{"so the", "first thing", "we do", "so the first"});
}

TEST_CASE("roll-up: the automatic rule", "[rollup]") {
  // Roll-up when, among the first 16 cues, of the consecutive pairs that show different lines
  // at least 2 repeat and they are at least half. Here 2 of 3 pairs repeat: roll-up.
  CHECK(texts(run(plain_cues({"a b", "a b\nc d", "c d\ne f", "g h"}))) ==
        std::vector<std::string>{"a b", "c d", "e f", "g h"});
  // 2 of 5 pairs: not roll-up, nothing changes.
  const auto few = plain_cues({"a b", "a b\nc d", "c d\ne f", "g h", "i j", "k l"});
  CHECK(texts(run(few)) == texts(few));
  // 1 of 1 pair: not enough.
  const auto one = plain_cues({"one", "one\ntwo"});
  CHECK(texts(run(one)) == texts(one));
  // Cues that show the same lines are no sign: these pairs do not count, so 0 of 0 repeat.
  const auto same = plain_cues({"[music]", "[music]", "[music]", "[music]"});
  CHECK(texts(run(same)) == texts(same));
  // --rollup on removes those repeats.
  CHECK(texts(run(one, vttkit::rollup_mode::on)) == std::vector<std::string>{"one", "two"});
  CHECK(texts(run(same, vttkit::rollup_mode::on)) == std::vector<std::string>{"[music]"});
  // Ordinary subtitles pass unchanged, and then so does every later cue.
  std::vector<std::string> lines;
  for (int i = 0; i < 40; ++i) lines.push_back("line " + std::to_string(i) + (i == 20 ? "\nline 21" : ""));
  const auto plain = plain_cues(lines);
  CHECK(run(plain) == plain);
}

TEST_CASE("roll-up: the probe holds at most 16 cues, then streams", "[rollup]") {
  std::vector<cue> out;
  vttkit::rollup_filter filter{vttkit::rollup_mode::automatic, [&out](const cue& c) { out.push_back(c); }};
  std::vector<std::string> lines{"w0"};
  for (int i = 1; i < 20; ++i) lines.push_back("w" + std::to_string(i - 1) + "\nw" + std::to_string(i));
  const auto cues = plain_cues(lines);  // every pair repeats
  for (std::size_t i = 0; i + 1 < vttkit::rollup_filter::probe_cues; ++i) filter.push(cues[i]);
  CHECK(out.empty());  // still deciding
  filter.push(cues[15]);
  CHECK(out.size() == 16);  // decided: roll-up, each line once
  CHECK_FALSE(filter.passing());
  CHECK(out[15].text == "w15");
  for (std::size_t i = 16; i < cues.size(); ++i) filter.push(cues[i]);
  CHECK(out.size() == 20);  // streaming: each cue handed on as it comes
  filter.finish();
  CHECK(out[19].text == "w19");
  CHECK(filter.removed() == 19);
}

TEST_CASE("roll-up: a removed line with markup makes the payload rebuilt", "[rollup]") {
  std::vector<cue> cues{parsed_cue("<v Ann>one two", 0, 1000), parsed_cue("<v Ann>one two\nthree", 1000, 2000),
                        parsed_cue("three\nfour", 2000, 3000)};
  const auto out = run(cues, vttkit::rollup_mode::on);
  REQUIRE(texts(out) == std::vector<std::string>{"one two", "three", "four"});
  CHECK(out[1].payload == "<v Ann>three");
  CHECK(out[1].speaker == "Ann");
  CHECK(out[2].payload == "four");
}

TEST_CASE("roll-up: generated automatic captions give back their words, each once, in order", "[rollup]") {
  // A file in the shape of youtube_shape with lines of 1 to 9 made-up words: a line's first
  // word has no timestamp, the others have <c> timings; each line is shown again before the
  // next one and in a 10 ms hold cue. The rule: the words of the result are the spoken words.
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<std::string> spoken;
    std::string file = "WEBVTT\nKind: captions\nLanguage: en\n\n";
    std::string previous = " ";
    vttkit::millis t = 0;
    const auto stamp = [](vttkit::millis ms) { return vttkit::format_timestamp(ms); };
    const int lines = 1 + static_cast<int>(rng() % 40);
    for (int l = 0; l < lines; ++l) {
      const std::size_t count = 1 + rng() % 9;
      std::string plain;
      std::string timed;
      for (std::size_t w = 0; w < count; ++w) {
        std::string word = "w" + std::to_string(rng() % 50);
        spoken.push_back(word);
        plain += (w ? " " : "") + word;
        timed += w ? "<" + stamp(t + static_cast<vttkit::millis>(w) * 200) + "><c> " + word + "</c>" : word;
      }
      const vttkit::millis end = t + static_cast<vttkit::millis>(count) * 200;
      file += stamp(t) + " --> " + stamp(end) + " align:start position:0%\n" + previous + "\n" + timed + "\n\n";
      file += stamp(end) + " --> " + stamp(end + 10) + " align:start position:0%\n" + plain + "\n \n\n";
      previous = plain;
      t = end + 10;
    }
    std::vector<std::string> words;
    for (const cue& c : run(cues_of(file), vttkit::rollup_mode::on))
      for (auto& w : split_words(c.text)) words.push_back(w);
    CHECK(words == spoken);
  }
}

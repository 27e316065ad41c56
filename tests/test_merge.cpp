// Tests for merge: joining consecutive fragments of one speaker.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

#include "transform_support.hpp"

using transform_test::check_words_per_run;
using transform_test::code_points;
using transform_test::make_cue;
using transform_test::split_words;
using transform_test::texts;
using transform_test::transcript_generator;
using vttkit::cue;
using vttkit::millis;

namespace {

void check_merge_properties(const std::vector<cue>& in, const vttkit::merge_options& options) {
  const auto out = vttkit::merge(in, options);
  check_words_per_run(in, out);
  // Every merged cue is a whole block of consecutive input cues, found by counting words.
  std::size_t next = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const cue& m = out[i];
    const std::size_t want = split_words(m.text).size();
    const std::size_t first = next;
    millis latest = in[first].end;
    std::size_t got = 0;
    while (got < want) {
      REQUIRE(next < in.size());
      got += split_words(in[next].text).size();
      latest = std::max(latest, in[next].end);
      ++next;
    }
    REQUIRE(got == want);  // no input cue was cut in two
    CHECK(m.start == in[first].start);
    CHECK(m.end == latest);
    CHECK(m.id == in[first].id);
    CHECK(m.speaker == in[first].speaker);
    CHECK(m.payload == vttkit::make_payload(m.speaker, m.text));
    CHECK(m.text == [&] {
      std::string joined;
      for (const auto& w : split_words(m.text)) joined += (joined.empty() ? "" : " ") + w;
      return joined;
    }());
    const bool lone = next - first == 1;
    // Cues without a speaker have reading-sized caps where none is given.
    const bool unvoiced = m.speaker.empty();
    const std::size_t max_chars = options.max_chars == 0 && unvoiced ? options.unvoiced_max_chars : options.max_chars;
    const millis max_duration = options.max_duration == 0 && unvoiced ? options.unvoiced_max_duration
                                                                      : options.max_duration;
    if (max_chars > 0 && !lone) CHECK(code_points(m.text) <= max_chars);
    if (max_duration > 0 && !lone) CHECK(m.end - m.start <= max_duration);
    // Two neighbours of one speaker were kept apart for a reason: the gap, or a cap.
    if (i + 1 < out.size() && out[i + 1].speaker == m.speaker && max_chars == 0 && max_duration == 0) {
      CHECK(out[i + 1].start - m.end > options.max_gap);
    }
  }
  CHECK(next == in.size());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// merge
// ---------------------------------------------------------------------------------------------

TEST_CASE("merge joins same-speaker fragments within the gap", "[transform][merge]") {
  std::vector<cue> cues = {
      make_cue("A", 0, 1000, "one"),      make_cue("A", 3000, 3500, " two\nlines "),  // gap 2000: joins
      make_cue("A", 5600, 6000, "three"),                                             // gap 2100: new cue
      make_cue("B", 6000, 7000, "four"),  make_cue("A", 7000, 8000, "five"),
  };
  cues[0].id = "first";
  cues[0].settings = {{"align", "start"}};
  cues[1].id = "second";
  const auto merged = vttkit::merge(cues);
  REQUIRE(merged.size() == 4);
  CHECK(merged[0].text == "one two lines");
  CHECK(merged[0].payload == "<v A>one two lines");
  CHECK(merged[0].start == 0);
  CHECK(merged[0].end == 3500);
  CHECK(merged[0].id == "first");
  CHECK(merged[0].settings == std::vector<vttkit::cue_setting>{{"align", "start"}});
  CHECK(texts(merged) == std::vector<std::string>{"one two lines", "three", "four", "five"});
  CHECK(merged[2].speaker == "B");
}

TEST_CASE("merge: overlaps always join and the end is the latest end", "[transform][merge]") {
  std::vector<cue> cues = {make_cue("A", 0, 5000, "long"), make_cue("A", 1000, 2000, "inside"),
                           make_cue("A", 4000, 6000, "tail"), make_cue("", 9000, 9500, "x < y"),
                           make_cue("", 9600, 9700, "z")};
  const auto merged = vttkit::merge(cues, {0, 0, 0});  // no gap allowed: only overlaps join
  REQUIRE(merged.size() == 3);
  CHECK(merged[0].text == "long inside tail");
  CHECK(merged[0].start == 0);
  CHECK(merged[0].end == 6000);
  CHECK(merged[1].text == "x < y");  // a 100 ms gap with max_gap 0 keeps "z" apart
  CHECK(merged[1].payload == "x &lt; y");
  CHECK(merged[2].text == "z");
  CHECK(vttkit::merge(cues).back().text == "x < y z");  // cues without speakers form a turn too
}

TEST_CASE("merge ends a turn at a short interjection, as the source orders them", "[transform][merge]") {
  // Unlike stitch (docs/transcripts.md, "Merge"): the words of all speakers keep their order.
  const std::vector<cue> in = {make_cue("A", 0, 3000, "I think that we should"), make_cue("B", 2500, 3200, "Yeah."),
                               make_cue("A", 3000, 5000, "go to the station now.")};
  CHECK(texts(vttkit::merge(in)) ==
        std::vector<std::string>{"I think that we should", "Yeah.", "go to the station now."});
}

TEST_CASE("merge caps characters and duration", "[transform][merge]") {
  SECTION("max_chars counts code points and the joining space") {
    std::vector<cue> cues = {make_cue("A", 0, 100, "caf\u00E9"), make_cue("A", 100, 200, "bbbb"),
                             make_cue("A", 200, 300, "cccc"), make_cue("A", 300, 400, "abcdefghijklmnop"),
                             make_cue("A", 400, 500, "d")};
    const auto merged = vttkit::merge(cues, {2000, 9, 0});
    // "café bbbb" is 9 code points (10 bytes); adding " cccc" would make 14.
    CHECK(texts(merged) == std::vector<std::string>{"caf\u00E9 bbbb", "cccc", "abcdefghijklmnop", "d"});
  }
  SECTION("max_duration") {
    std::vector<cue> cues = {make_cue("A", 0, 1000, "a"), make_cue("A", 1000, 2000, "b"),
                             make_cue("A", 2000, 3000, "c"), make_cue("A", 3000, 4000, "d"),
                             make_cue("A", 4000, 9000, "e")};
    const auto merged = vttkit::merge(cues, {2000, 0, 3000});
    REQUIRE(merged.size() == 3);
    CHECK(merged[0].text == "a b c");
    CHECK(merged[0].end == 3000);
    CHECK(merged[1].text == "d");
    CHECK(merged[2].text == "e");  // 5 s alone: longer than the cap, kept whole
    CHECK(merged[2].duration() == 5000);
  }
}

TEST_CASE("merger streams and finish flushes", "[transform][merge]") {
  std::vector<cue> out;
  vttkit::merger m({}, [&out](const cue& c) { out.push_back(c); });
  m.push(make_cue("A", 0, 1000, "a"));
  m.push(make_cue("A", 1000, 2000, "b"));
  CHECK(out.empty());
  m.push(make_cue("B", 2000, 3000, "c"));
  REQUIRE(out.size() == 1);
  CHECK(out[0].text == "a b");
  m.finish();
  REQUIRE(out.size() == 2);
  m.finish();  // nothing held: nothing more
  CHECK(out.size() == 2);
}

TEST_CASE("merge properties over transcripts without voices", "[transform][merge][property]") {
  transcript_generator generate(20240602, false);
  for (int round = 0; round < 200; ++round) {
    const auto cues = generate.make();
    check_merge_properties(cues, {});
    check_merge_properties(cues, {1000, 40, 0});
    vttkit::merge_options unlimited;
    unlimited.unvoiced_max_chars = 0;
    unlimited.unvoiced_max_duration = 0;
    check_merge_properties(cues, unlimited);
  }
}

TEST_CASE("merge properties over speakers talking over each other", "[transform][merge][property]") {
  std::mt19937 rng(12);
  for (int round = 0; round < 200; ++round) {
    const auto cues = transform_test::overlapping_speakers(rng);
    check_merge_properties(cues, {});
    check_merge_properties(cues, {500, 30, 0});
  }
}

TEST_CASE("merge gives a file without voices reading-sized cues", "[transform][merge]") {
  // Cues of 100 characters and 10 s, 1 s apart: one turn. Without voices the default cap of
  // 30 s takes two cues at a time (0-21 s; a third would make 0-32 s).
  std::vector<cue> cues;
  for (millis i = 0; i < 8; ++i) cues.push_back(make_cue("", i * 11000, i * 11000 + 10000, std::string(100, 'x')));
  const auto merged = vttkit::merge(cues);
  REQUIRE(merged.size() == 4);
  CHECK(merged[0].start == 0);
  CHECK(merged[0].end == 21000);
  CHECK(merged[1].start == 22000);
  CHECK(merged[3].end == 87000);
  // With a speaker, or with those caps set to 0, it stays one cue.
  for (cue& c : cues) c.speaker = "A";
  CHECK(vttkit::merge(cues).size() == 1);
  for (cue& c : cues) c.speaker.clear();
  vttkit::merge_options off;
  off.unvoiced_max_chars = 0;
  off.unvoiced_max_duration = 0;
  CHECK(vttkit::merge(cues, off).size() == 1);
  // Cues of 200 characters and 2 s: two make 401 characters, three 602, over the cap of 500.
  std::vector<cue> wordy;
  for (millis i = 0; i < 4; ++i) wordy.push_back(make_cue("", i * 3000, i * 3000 + 2000, std::string(200, 'y')));
  const auto by_chars = vttkit::merge(wordy);
  REQUIRE(by_chars.size() == 2);
  CHECK(code_points(by_chars[0].text) == 401);
  CHECK(by_chars[1].start == 6000);
  // A cap given for all cues holds for these too.
  CHECK(vttkit::merge(wordy, {2000, 250, 0}).size() == 4);
}

TEST_CASE("merge properties over generated transcripts", "[transform][merge][property]") {
  transcript_generator generate(20240601);
  for (int round = 0; round < 300; ++round) {
    const auto cues = generate.make();
    check_merge_properties(cues, {});
    check_merge_properties(cues, {1000, 40, 0});
    check_merge_properties(cues, {3000, 0, 6000});
    check_merge_properties(cues, {500, 25, 4000});
  }
}

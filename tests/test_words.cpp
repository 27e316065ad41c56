// Tests for word timings (fill_words) and what the transforms do with them: the pipeline's word
// step, a speaker prefix, merge and stitch. The inputs are written for these tests.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <vttkit/pipeline.hpp>
#include <vttkit/transform.hpp>

#include "transform_support.hpp"

using transform_test::make_cue;
using transform_test::parsed_cue;
using transform_test::texts;
using vttkit::cue;
using vttkit::timed_word;

namespace {

std::vector<cue> run(const vttkit::pipeline_options& options, std::vector<cue> cues) {
  std::vector<cue> out;
  vttkit::pipeline pipe{options, [&out](const cue& c) { out.push_back(c); }};
  for (cue& c : cues) pipe.push(c);
  pipe.finish();
  return out;
}

}  // namespace

TEST_CASE("words: inline timestamps give each word its time", "[words]") {
  // YouTube: the first word before any timestamp starts with the cue.
  cue c = parsed_cue("boats<00:00:00.800><c> leave</c><00:00:01.200><c> the</c>", 500, 2000);
  REQUIRE(vttkit::fill_words(c));
  CHECK(c.words == std::vector<timed_word>{{"boats", 500, 800}, {"leave", 800, 1200}, {"the", 1200, 2000}});
  // Karaoke: a timestamp inside a word keeps the word whole, starting at its first syllable.
  c = parsed_cue("<00:00:01.000>Ne<00:00:01.200>ver <00:00:01.500>gonna", 500, 2000);
  REQUIRE(vttkit::fill_words(c));
  CHECK(c.words == std::vector<timed_word>{{"Never", 1000, 1500}, {"gonna", 1500, 2000}});
  // Timestamps out of order: an end never comes before its start.
  c = parsed_cue("a<00:00:01.500> b<00:00:01.000> c", 0, 2000);
  REQUIRE(vttkit::fill_words(c));
  CHECK(c.words == std::vector<timed_word>{{"a", 0, 1500}, {"b", 1500, 1500}, {"c", 1000, 2000}});
  // No timestamp: no words; "<" followed by a digit only counts as a tag.
  c = parsed_cue("1 &lt;2 <i>three</i>", 0, 2000);
  CHECK_FALSE(vttkit::has_inline_timestamps(c.payload));
  CHECK_FALSE(vttkit::fill_words(c));
  CHECK(c.words.empty());
  CHECK(vttkit::has_inline_timestamps("x <00:01.000>y"));
}

TEST_CASE("words: the pipeline fills them and clears those of a reused cue", "[words][pipeline]") {
  vttkit::pipeline_options o;
  std::vector<cue> out;
  vttkit::pipeline pipe{o, [&out](const cue& c) { out.push_back(c); }};
  cue c = parsed_cue("hi<00:00:01.000> there", 0, 2000);
  pipe.push(c);
  c = parsed_cue("no times", 2000, 3000);
  c.words = {{"stale", 0, 1}};  // as a reader's reused cue would still hold
  pipe.push(c);
  pipe.finish();
  REQUIRE(out.size() == 2);
  CHECK(out[0].words == std::vector<timed_word>{{"hi", 0, 1000}, {"there", 1000, 2000}});
  CHECK(out[1].words.empty());
}

TEST_CASE("words: a speaker prefix taken off the text takes its words too", "[words][pipeline]") {
  vttkit::pipeline_options o;
  o.speakers_from_prefix = true;
  const auto out = run(o, {parsed_cue("JOE: hi<00:00:01.000> there", 0, 2000)});
  REQUIRE(out.size() == 1);
  CHECK(out[0].speaker == "JOE");
  CHECK(out[0].words == std::vector<timed_word>{{"hi", 0, 1000}, {"there", 1000, 2000}});
}

TEST_CASE("stitch: sentences cut at the words' own times", "[stitch][words]") {
  cue c = parsed_cue("Boats<00:00:01.000> leave.<00:00:03.000> Then<00:00:03.500> rain.", 0, 4000);
  REQUIRE(vttkit::fill_words(c));
  const auto out = vttkit::stitch(std::vector<cue>{c});
  REQUIRE(texts(out) == std::vector<std::string>{"Boats leave.", "Then rain."});
  // By characters "Boats leave." would end at 12/23 of 4 s (2087 ms); its last word ends at 3 s.
  CHECK(out[0].start == 0);
  CHECK(out[0].end == 3000);
  CHECK(out[1].start == 3000);
  CHECK(out[1].end == 4000);
  CHECK(out[0].words == std::vector<timed_word>{{"Boats", 0, 1000}, {"leave.", 1000, 3000}});
  CHECK(out[1].words == std::vector<timed_word>{{"Then", 3000, 3500}, {"rain.", 3500, 4000}});
}

TEST_CASE("stitch: a cue without words in the sentence leaves it without words", "[stitch][words]") {
  cue timed = parsed_cue("One<00:00:00.500> two", 0, 1000);
  REQUIRE(vttkit::fill_words(timed));
  const auto out = vttkit::stitch(std::vector<cue>{timed, make_cue("", 1000, 2000, "three.")});
  REQUIRE(texts(out) == std::vector<std::string>{"One two three."});
  CHECK(out[0].start == 0);
  CHECK(out[0].end == 2000);
  CHECK(out[0].words.empty());
}

TEST_CASE("merge: the joined cue keeps its parts' words", "[merge][words]") {
  cue a = parsed_cue("one<00:00:00.500> two", 0, 1000);
  cue b = parsed_cue("three<00:00:01.500> four", 1000, 2000);
  REQUIRE(vttkit::fill_words(a));
  REQUIRE(vttkit::fill_words(b));
  auto out = vttkit::merge(std::vector<cue>{a, b});
  REQUIRE(out.size() == 1);
  CHECK(out[0].text == "one two three four");
  CHECK(out[0].words ==
        std::vector<timed_word>{{"one", 0, 500}, {"two", 500, 1000}, {"three", 1000, 1500}, {"four", 1500, 2000}});
  // A part without words: the whole has none.
  out = vttkit::merge(std::vector<cue>{a, make_cue("", 1000, 2000, "five")});
  REQUIRE(out.size() == 1);
  CHECK(out[0].words.empty());
}

// Tests for stitch: re-cutting speaker turns into one cue per sentence.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/write.hpp>

#include "transform_support.hpp"

using transform_test::check_words_per_run;
using transform_test::code_points;
using transform_test::ends_sentence;
using transform_test::make_cue;
using transform_test::run;
using transform_test::runs_of;
using transform_test::split_words;
using transform_test::stitched_texts;
using transform_test::texts;
using transform_test::transcript_generator;
using vttkit::cue;
using vttkit::millis;

namespace {

void check_stitch_properties(const std::vector<cue>& in, const vttkit::stitch_options& options) {
  const auto out = vttkit::stitch(in, options);
  check_words_per_run(in, out);
  const auto in_runs = runs_of(in);
  const auto out_runs = runs_of(out);
  REQUIRE(in_runs.size() == out_runs.size());
  millis previous_start = 0;
  for (std::size_t r = 0; r < out_runs.size(); ++r) {
    const run& turn = in_runs[r];
    for (std::size_t k = 0; k < out_runs[r].count; ++k) {
      const std::size_t i = out_runs[r].first + k;
      const cue& c = out[i];
      CHECK(c.start < c.end);
      if (i > 0) CHECK(c.start >= previous_start);
      // Inside the turn's span, unless a start had to wait for an earlier turn's last start.
      CHECK(c.start >= turn.first_start);
      const bool waited = i > 0 && c.start == previous_start && c.end == c.start + 1;
      CHECK((c.end <= turn.latest_end || waited));
      CHECK(c.payload == vttkit::make_payload(c.speaker, c.text));
      const bool last_of_turn = k + 1 == out_runs[r].count;
      const bool capped = options.max_chars > 0 || options.max_duration > 0;
      if (!last_of_turn && !capped) CHECK(ends_sentence(c.text));
      const bool one_word = split_words(c.text).size() == 1;
      if (options.max_chars > 0 && !one_word) CHECK(code_points(c.text) <= options.max_chars);
      if (options.max_duration > 0 && !one_word && !waited) CHECK(c.end - c.start <= options.max_duration);
      previous_start = c.start;
    }
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// stitch
// ---------------------------------------------------------------------------------------------

TEST_CASE("stitch: the acceptance case, with interpolated times", "[transform][stitch]") {
  const auto parsed = vttkit::parse(
      "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n<v A>Dr. Smith paid 3.5 percent to the U.S. Treasury. Then he\n\n"
      "00:00:04.000 --> 00:00:06.000\n<v A>left. Did he? Well... a lot of it. Yes.\n");
  const auto st = vttkit::stitch(parsed.document.cues);
  REQUIRE(texts(st) == std::vector<std::string>{"Dr. Smith paid 3.5 percent to the U.S. Treasury.", "Then he left.",
                                                "Did he?", "Well... a lot of it.", "Yes."});
  // The first cue's text has 56 code points over 4000 ms, the second 39 over 2000 ms. Starts
  // round down, ends round up.
  // "Treasury." ends at 48: 4000 * 48 / 56 = 3428.6 -> 3429; "Then" starts at 49: 3500.
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 3429);
  CHECK(st[1].start == 3500);
  // "left." ends at 5 of 39: 4000 + 2000 * 5 / 39 = 4256.4 -> 4257.
  CHECK(st[1].end == 4257);
  // "Did" at 6: 4307.7 -> 4307; "he?" ends at 13: 4666.7 -> 4667.
  CHECK(st[2].start == 4307);
  CHECK(st[2].end == 4667);
  // "Well..." at 14: 4717.9 -> 4717; "it." ends at 34: 5743.6 -> 5744.
  CHECK(st[3].start == 4717);
  CHECK(st[3].end == 5744);
  // "Yes." at 35: 5794.9 -> 5794, to the cue's end.
  CHECK(st[4].start == 5794);
  CHECK(st[4].end == 6000);
  for (const cue& c : st) {
    CHECK(c.speaker == "A");
    CHECK(c.payload == "<v A>" + c.text);
    CHECK(c.id.empty());
  }
}

TEST_CASE("stitch does not cut at abbreviations, decimals or initials", "[transform][stitch]") {
  const auto one = [](std::string text) { return stitched_texts({make_cue("A", 0, 1000, std::move(text))}); };
  using list = std::vector<std::string>;
  CHECK(one("I met Mr. Brown and Ms. Green. They said hi.") == list{"I met Mr. Brown and Ms. Green.", "They said hi."});
  CHECK(one("We saw J. R. R. Tolkien's house. It was small.") ==
        list{"We saw J. R. R. Tolkien's house.", "It was small."});
  CHECK(one("It costs 3.5 dollars, i.e. a lot. Really.") == list{"It costs 3.5 dollars, i.e. a lot.", "Really."});
  CHECK(one("The U.K. And the U.S. Both agreed.") == list{"The U.K. And the U.S. Both agreed."});
  CHECK(one("Apples, pears, etc. Then St. Paul vs. Prof. X spoke.") ==
        list{"Apples, pears, etc. Then St. Paul vs. Prof. X spoke."});
  CHECK(one("Smith et al. Found it. We met at 9 a.m. Then left.") ==
        list{"Smith et al. Found it.", "We met at 9 a.m. Then left."});
  CHECK(one("Look at No. 5 on the list. No. I won't.") == list{"Look at No. 5 on the list.", "No.", "I won't."});
  // The pronoun "I" ends a sentence; "I." before another initial is one.
  CHECK(one("So do I. Then we left. I. M. Pei built it.") == list{"So do I.", "Then we left.", "I. M. Pei built it."});
  // Words that are only abbreviations in title case.
  CHECK(one("Ask a sales rep. They know. Rep. Jones agrees.") ==
        list{"Ask a sales rep.", "They know.", "Rep. Jones agrees."});
}

TEST_CASE("stitch: quotes, brackets, ellipses and lower-case continuations", "[transform][stitch]") {
  const auto one = [](std::string text) { return stitched_texts({make_cue("A", 0, 1000, std::move(text))}); };
  using list = std::vector<std::string>;
  CHECK(one("She asked, \"Are you coming?\" I said yes.") == list{"She asked, \"Are you coming?\"", "I said yes."});
  CHECK(one("\"Are you coming?\" she asked. Yes.") == list{"\"Are you coming?\" she asked.", "Yes."});
  CHECK(one("(It was late.) We left. \u201CReally?\u201D \u201CYes.\u201D") ==
        list{"(It was late.)", "We left.", "\u201CReally?\u201D", "\u201CYes.\u201D"});
  CHECK(one("Well... a lot. Hmm\u2026 Okay! Really?! Sure.") ==
        list{"Well... a lot.", "Hmm\u2026", "Okay!", "Really?!", "Sure."});
  CHECK(one("It was \u00E9norme. Really... \u00E9norme. \u00C9tonnant.") ==
        list{"It was \u00E9norme.", "Really... \u00E9norme.", "\u00C9tonnant."});
  CHECK(one("e.g. the start. 3.5 is a number. version 2.0.1 works") ==
        list{"e.g. the start.", "3.5 is a number. version 2.0.1 works"});
}

TEST_CASE("stitch: a sentence across five cues", "[transform][stitch]") {
  std::vector<cue> cues = {make_cue("A", 0, 1000, "This is a"), make_cue("A", 1000, 2000, "sentence  that"),
                           make_cue("A", 2000, 3000, "runs across"), make_cue("A", 3000, 4000, "five\nwhole"),
                           make_cue("A", 4000, 5000, "cues. Next one.")};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) == std::vector<std::string>{"This is a sentence that runs across five whole cues.", "Next one."});
  // "cues. Next one." has 15 code points: "cues." ends at 5 (4333.3 -> 4334), "Next" starts at 6.
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 4334);
  CHECK(st[1].start == 4400);
  CHECK(st[1].end == 5000);
}

TEST_CASE("stitch keeps speakers, turns and cues without speakers", "[transform][stitch]") {
  std::vector<cue> cues = {make_cue("", 0, 1000, "No voice here. Still"), make_cue("", 1000, 2000, "none."),
                           make_cue("B", 2000, 3000, "Bee talks"), make_cue("", 3000, 4000, "and no one. Ends")};
  cues[0].settings = {{"line", "0"}};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) == std::vector<std::string>{"No voice here.", "Still none.", "Bee talks", "and no one.", "Ends"});
  CHECK(st[0].speaker.empty());
  CHECK(st[0].payload == "No voice here.");
  CHECK(st[0].settings == std::vector<vttkit::cue_setting>{{"line", "0"}});
  CHECK(st[2].speaker == "B");
  CHECK(st[2].payload == "<v B>Bee talks");
  // A turn's last cue need not end a sentence; the turn ends it.
  CHECK(st[2].start == 2000);
  CHECK(st[2].end == 3000);
  CHECK(st[3].speaker.empty());
}

TEST_CASE("stitch keeps starts monotonic over overlapping cues", "[transform][stitch]") {
  std::vector<cue> cues = {make_cue("A", 0, 5000, "One. Two."), make_cue("A", 1000, 3000, "Three. Four.")};
  const auto st = vttkit::stitch(cues);
  REQUIRE(texts(st) == std::vector<std::string>{"One.", "Two.", "Three.", "Four."});
  // "One. Two." is 9 code points over 5 s: "One." ends at 4 (2222.2 -> 2223), "Two." starts at
  // 5 (2777.8 -> 2777). "Three. Four." is 12 over 1000-3000: "Three." would start at 1000 and
  // end at 2000, "Four." start at 2166.7: both starts wait for 2777; the first end follows it.
  CHECK(st[0].start == 0);
  CHECK(st[0].end == 2223);
  CHECK(st[1].start == 2777);
  CHECK(st[1].end == 5000);
  CHECK(st[2].start == 2777);
  CHECK(st[2].end == 2778);
  CHECK(st[3].start == 2777);
  CHECK(st[3].end == 3000);

  // Across turns too: a later speaker's cue that starts before the last start waits for it.
  std::vector<cue> two = {make_cue("A", 0, 10000, "Yes. Okay. Right."), make_cue("B", 4000, 5000, "Hm.")};
  const auto st2 = vttkit::stitch(two);
  REQUIRE(st2.size() == 4);
  // "Right." starts at 11 of 17: 6470.6 -> 6470.
  CHECK(st2[2].start == 6470);
  CHECK(st2[3].start == 6470);
  CHECK(st2[3].end == 6471);
}

TEST_CASE("stitch splits long sentences at clauses, else words", "[transform][stitch]") {
  using list = std::vector<std::string>;
  SECTION("a clause boundary near the middle wins") {
    // 47 code points, cap 30: two chunks of about 23; the comma after 17 is near enough.
    CHECK(stitched_texts({make_cue("A", 0, 1000, "Alpha beta gamma, delta epsilon zeta eta theta.")}, {30, 0}) ==
          list{"Alpha beta gamma,", "delta epsilon zeta eta theta."});
  }
  SECTION("else the word boundary nearest an even split") {
    // 39 code points, cap 20: two chunks of about 19; "one two three four" has 18.
    CHECK(stitched_texts({make_cue("A", 0, 1000, "one two three four five six seven eight")}, {20, 0}) ==
          list{"one two three four", "five six seven eight"});
  }
  SECTION("a word longer than the cap stays whole") {
    CHECK(stitched_texts({make_cue("A", 0, 1000, "Supercalifragilistic is long.")}, {10, 0}) ==
          list{"Supercalifragilistic", "is long."});
  }
  SECTION("max_duration, with times at the cut") {
    // 20 code points over 10 s, cap 5 s: two chunks; "aaaa bbbb" ends at 9 (4500 ms).
    const auto st = vttkit::stitch(std::vector<cue>{make_cue("A", 0, 10000, "aaaa bbbb cccc dddd.")}, {0, 5000});
    REQUIRE(texts(st) == list{"aaaa bbbb", "cccc dddd."});
    CHECK(st[0].end == 4500);
    CHECK(st[1].start == 5000);
    CHECK(st[1].end == 10000);
  }
  SECTION("sentence ends still cut first") {
    CHECK(stitched_texts({make_cue("A", 0, 1000, "Short. Also short.")}, {60, 0}) == list{"Short.", "Also short."});
  }
}

TEST_CASE("stitcher streams: sentences leave as soon as they are complete", "[transform][stitch]") {
  std::vector<cue> out;
  vttkit::stitcher s({}, [&out](const cue& c) { out.push_back(c); });
  s.push(make_cue("A", 0, 1000, "First one."));
  CHECK(out.empty());  // "First one." could still be followed by a lower-case word
  s.push(make_cue("A", 1000, 2000, "Second one. third"));
  REQUIRE(out.size() == 1);
  CHECK(out[0].text == "First one.");
  s.push(make_cue("A", 2000, 3000, "word."));
  CHECK(out.size() == 1);
  s.finish();
  CHECK(texts(out) == std::vector<std::string>{"First one.", "Second one. third word."});

  // Text without sentence ends, with a cap, is cut while it streams in.
  std::vector<cue> capped;
  vttkit::stitcher c({20, 0}, [&capped](const cue& x) { capped.push_back(x); });
  for (millis t = 0; t < 100000; t += 1000) c.push(make_cue("A", t, t + 1000, "some words without end"));
  CHECK(capped.size() > 50);
  c.finish();
  for (const cue& x : capped) CHECK(code_points(x.text) <= 20);
}

TEST_CASE("stitch properties over generated transcripts", "[transform][stitch][property]") {
  transcript_generator generate(7);
  for (int round = 0; round < 300; ++round) {
    const auto cues = generate.make();
    check_stitch_properties(cues, {});
    check_stitch_properties(cues, {30, 0});
    check_stitch_properties(cues, {0, 2500});
    check_stitch_properties(cues, {45, 3000});
  }
}

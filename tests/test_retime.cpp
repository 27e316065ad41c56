// The retiming stage behind `shift`, `scale` and `cut`: exact results for small inputs written
// by hand, and the properties: shift by +x then -x, and scale A->B->A, give the input back.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/pipeline.hpp>
#include <vttkit/transform.hpp>

using vttkit::cue;
using vttkit::millis;
using vttkit::retime_options;

namespace {

cue timed(millis start, millis end, std::string payload) {
  cue c;
  c.start = start;
  c.end = end;
  c.payload = std::move(payload);
  c.line = 3;
  return c;
}

/// Random cues in order, some with inline timestamps inside them.
std::vector<cue> random_cues(std::mt19937& rng, std::size_t n) {
  std::vector<cue> cues;
  millis t = std::uniform_int_distribution<millis>(0, 5000)(rng);
  for (std::size_t i = 0; i < n; ++i) {
    const millis length = std::uniform_int_distribution<millis>(1, 4000)(rng);
    std::string payload = "a <" + vttkit::format_timestamp(t + length / 2) + ">b";
    cues.push_back(timed(t, t + length, payload));
    t += length + std::uniform_int_distribution<millis>(0, 3000)(rng);
  }
  return cues;
}

}  // namespace

TEST_CASE("shift moves cue times and inline timestamps", "[retime]") {
  const std::vector<cue> in{timed(1000, 3000, "x <00:00:01.500>y <00:00:02.500>z"), timed(5000, 6000, "w")};
  const auto out = vttkit::retime(in, {.offset = 2500});
  REQUIRE(out.size() == 2);
  CHECK(out[0].start == 3500);
  CHECK(out[0].end == 5500);
  CHECK(out[0].payload == "x <00:00:04.000>y <00:00:05.000>z");
  CHECK(out[1].start == 7500);
  CHECK(out[1].end == 8500);
  CHECK(out[1].payload == "w");
}

TEST_CASE("shift before zero clips a cue that still ends after 0 and drops one that does not", "[retime]") {
  vttkit::retimer stage{{.offset = -1200}};
  auto gone = timed(500, 1200, "gone");
  auto clipped = timed(1000, 3000, "a <00:00:01.100>b <00:00:02.500>c");
  auto kept = timed(5000, 6000, "d");
  CHECK_FALSE(stage.apply(gone));
  REQUIRE(stage.apply(clipped));
  CHECK(clipped.start == 0);
  CHECK(clipped.end == 1800);
  CHECK(clipped.payload == "a <00:00:00.000>b <00:00:01.300>c");
  REQUIRE(stage.apply(kept));
  CHECK(kept.start == 3800);
  CHECK(stage.dropped() == 1);
  CHECK(stage.first_dropped_line() == 3);
  CHECK(stage.clipped() == 1);
}

TEST_CASE("shift with a start time leaves earlier cues alone", "[retime]") {
  const std::vector<cue> in{timed(1000, 2000, "<00:00:01.500>a"), timed(4000, 5000, "<00:00:04.500>b")};
  const auto out = vttkit::retime(in, {.offset = -500, .from = 4000});
  REQUIRE(out.size() == 2);
  CHECK(out[0] == in[0]);
  CHECK(out[1].start == 3500);
  CHECK(out[1].payload == "<00:00:04.000>b");
}

TEST_CASE("scale multiplies and rounds to the nearest millisecond", "[retime]") {
  // 23.976 fps played at 25: every time times 0.95904.
  const std::vector<cue> in{timed(500, 1000, "a"), timed(1500, 2500, "b <00:00:02.000>c"),
                            timed(3600000, 3601000, "d")};
  const auto out = vttkit::retime(in, {.factor = 23.976 / 25.0});
  REQUIRE(out.size() == 3);
  CHECK(out[0].start == 480);                    // 479.52
  CHECK(out[0].end == 959);                      // 959.04
  CHECK(out[1].start == 1439);                   // 1438.56
  CHECK(out[1].end == 2398);                     // 2397.6
  CHECK(out[1].payload == "b <00:00:01.918>c");  // 1918.08
  CHECK(out[2].start == 3452544);
  // Two sync points 00:01:00.000=00:01:02.300 and 00:58:00.000=00:58:07.100: a line through both.
  const double a = (3487100.0 - 62300.0) / (3480000.0 - 60000.0), b = 62300.0 - a * 60000.0;
  const auto synced = vttkit::retime(std::vector<cue>{timed(60000, 3480000, "e")}, {.factor = a, .offset = b});
  CHECK(synced[0].start == 62300);
  CHECK(synced[0].end == 3487100);
}

TEST_CASE("cut keeps overlapping cues, trims them and rebases", "[retime]") {
  const std::vector<cue> in{timed(0, 1000, "before"), timed(1000, 3000, "a <00:00:01.200>b <00:00:02.500>c"),
                            timed(4000, 5000, "inside"), timed(5000, 7000, "<00:00:06.000>across"),
                            timed(8000, 9000, "after")};
  const retime_options cut{.offset = -1500, .ranged = true, .range_start = 1500, .range_end = 5500};
  const auto out = vttkit::retime(in, cut);
  REQUIRE(out.size() == 3);
  CHECK(out[0].start == 0);
  CHECK(out[0].end == 1500);
  CHECK(out[0].payload == "a <00:00:00.000>b <00:00:01.000>c");
  CHECK(out[1].start == 2500);
  CHECK(out[1].end == 3500);
  CHECK(out[2].start == 3500);
  CHECK(out[2].end == 4000);
  CHECK(out[2].payload == "<00:00:04.000>across");  // 6.000 trimmed to the range's end, then moved
  auto kept = cut;
  kept.offset = 0;
  const auto same = vttkit::retime(in, kept);
  REQUIRE(same.size() == 3);
  CHECK(same[0].start == 1500);
  CHECK(same[2].end == 5500);
}

TEST_CASE("shift by +x then -x gives the input back", "[retime][property]") {
  std::mt19937 rng{7};
  for (int round = 0; round < 50; ++round) {
    const auto cues = random_cues(rng, 40);
    const auto x = static_cast<double>(std::uniform_int_distribution<millis>(-cues.front().start, 100000)(rng));
    const auto there = vttkit::retime(cues, {.offset = x});
    CHECK(vttkit::retime(there, {.offset = -x}) == cues);
  }
}

TEST_CASE("scale by frame rates A->B then B->A is the identity within 1 ms", "[retime][property]") {
  std::mt19937 rng{11};
  const std::vector<std::pair<double, double>> rates{{23.976, 25}, {25, 23.976}, {24, 29.97}, {30, 23.976}};
  for (const auto& [a, b] : rates) {
    const auto cues = random_cues(rng, 200);
    const auto back = vttkit::retime(vttkit::retime(cues, {.factor = a / b}), {.factor = b / a});
    REQUIRE(back.size() == cues.size());
    for (std::size_t i = 0; i < cues.size(); ++i) {
      CHECK(std::abs(back[i].start - cues[i].start) <= 1);
      CHECK(std::abs(back[i].end - cues[i].end) <= 1);
    }
  }
}

TEST_CASE("the pipeline retimes first, so word timings follow", "[retime][pipeline]") {
  vttkit::pipeline_options options;
  options.retime = retime_options{.offset = 1000};
  std::vector<cue> got;
  vttkit::pipeline pipe{options, [&](const cue& c) { got.push_back(c); }};
  auto parsed = vttkit::parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nab <00:00:01.500>cd\n");
  pipe.push(parsed.document.cues.at(0));
  pipe.finish();
  REQUIRE(got.size() == 1);
  CHECK(got[0].start == 2000);
  REQUIRE(got[0].words.size() == 2);
  CHECK(got[0].words[1].start == 2500);
}

// The concatenating stage behind `vtt concat`: offsets, ids, headers and blocks, and the
// property that cutting an input in two and joining the parts gives its cues back.
#include <catch2/catch.hpp>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include <vttkit/transform.hpp>

using vttkit::block;
using vttkit::block_kind;
using vttkit::cue;
using vttkit::header;
using vttkit::millis;

namespace {

cue timed(std::string id, millis start, millis end, std::string payload) {
  cue c;
  c.id = std::move(id);
  c.start = start;
  c.end = end;
  c.payload = payload;
  c.text = std::move(payload);
  return c;
}

/// The output of joining `inputs` (each a header and its cues), and the notes.
struct joined {
  std::vector<cue> cues;
  std::vector<block> blocks;
  std::vector<std::string> notes;
};

joined join(const std::vector<std::vector<cue>>& inputs, vttkit::concat_options options = {},
            const std::vector<header>& headers = {}) {
  joined out;
  vttkit::concatenator cat{
      options, [&](const cue& c) { out.cues.push_back(c); }, [&](const block& b) { out.blocks.push_back(b); },
      [&](const vttkit::concat_note& n) { out.notes.push_back(std::to_string(n.input) + ": " + n.message); }};
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    cat.begin_input(i < headers.size() ? headers[i] : header{});
    for (const auto& c : inputs[i]) cat.push(c);
  }
  return out;
}

}  // namespace

TEST_CASE("concat starts each input where the output so far ends, plus the gap", "[concat]") {
  const std::vector<std::vector<cue>> inputs{{timed("", 1000, 2000, "a"), timed("", 2500, 4000, "b")},
                                             {timed("", 500, 1000, "c <00:00:00.750>d")},
                                             {timed("", 0, 100, "e")}};
  auto out = join(inputs);
  REQUIRE(out.cues.size() == 4);
  CHECK(out.cues[2].start == 4500);
  CHECK(out.cues[2].end == 5000);
  CHECK(out.cues[2].payload == "c <00:00:04.750>d");
  CHECK(out.cues[3].start == 5000);
  out = join(inputs, {.gap = 1000});
  CHECK(out.cues[2].start == 5500);
  CHECK(out.cues[3].start == 7000);  // 6000 (end so far) + 1000
  out = join(inputs, {.durations = {10000, 3000}});
  CHECK(out.cues[2].start == 10500);
  CHECK(out.cues[3].start == 13000);
  CHECK(out.notes.empty());
}

TEST_CASE("concat numbers clashing ids on and renames clashing names", "[concat]") {
  const std::vector<std::vector<cue>> inputs{{timed("1", 0, 1000, "a"), timed("intro", 1000, 2000, "b")},
                                             {timed("1", 0, 1000, "c"), timed("2", 1000, 2000, "d"),
                                              timed("intro", 2000, 3000, "e"), timed("", 3000, 4000, "f")},
                                             {timed("7", 0, 1000, "g")}};
  const auto out = join(inputs);
  REQUIRE(out.cues.size() == 7);
  CHECK(out.cues[2].id == "2");
  CHECK(out.cues[3].id == "3");
  CHECK(out.cues[4].id == "intro-2");
  CHECK(out.cues[5].id.empty());
  CHECK(out.cues[6].id == "7");  // 7 is after every earlier id: kept
  CHECK(out.notes == std::vector<std::string>{"1: cue ids clash with an earlier input's: numbered on from 2",
                                              "1: cue id \"intro\" is an earlier input's: renamed \"intro-2\""});
}

TEST_CASE("concat keeps the first header and STYLE, passes NOTE, and says what differs", "[concat]") {
  std::vector<block> blocks;
  std::vector<std::string> notes;
  vttkit::concatenator cat{
      {},
      [](const cue&) {},
      [&](const block& b) { blocks.push_back(b); },
      [&](const vttkit::concat_note& n) { notes.push_back(std::to_string(n.line) + ": " + n.message); }};
  header first;
  first.text = "X-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000";
  cat.begin_input(first);
  cat.push(block{block_kind::style, "STYLE\n::cue { color: red }", 3});
  cat.begin_input(first);
  cat.push(block{block_kind::style, "STYLE\n::cue { color: red }", 4});  // the same: left out quietly
  cat.push(block{block_kind::note, "NOTE kept", 7});
  header other;
  cat.begin_input(other);
  cat.push(block{block_kind::region, "REGION\nid:r", 3});
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[0].line == 3);
  CHECK(blocks[1].text == "NOTE kept");
  CHECK(notes == std::vector<std::string>{"1: header differs from the first input's: the first input's is kept",
                                          "3: REGION block differs from the first input's: left out"});
}

TEST_CASE("cut in two, then concat with the first part's length, gives the cues back", "[concat][property]") {
  std::mt19937 rng{5};
  for (int round = 0; round < 50; ++round) {
    std::vector<cue> cues;
    millis t = 0;
    std::vector<millis> gaps;  // cut points between cues
    for (int i = 0; i < 30; ++i) {
      const millis gap = std::uniform_int_distribution<millis>(0, 2000)(rng);
      if (gap > 0 && i > 0) gaps.push_back(t + gap / 2);
      t += gap;
      const millis length = std::uniform_int_distribution<millis>(1, 3000)(rng);
      cues.push_back(
          timed("", t, t + length, "w" + std::to_string(i) + " <" + vttkit::format_timestamp(t + length / 3) + ">x"));
      t += length;
    }
    if (gaps.empty()) continue;
    const millis at = gaps[std::uniform_int_distribution<std::size_t>(0, gaps.size() - 1)(rng)];
    const auto first = vttkit::retime(cues, {.ranged = true, .range_start = 0, .range_end = at});
    const auto second = vttkit::retime(cues, {.offset = -static_cast<double>(at),
                                              .ranged = true,
                                              .range_start = at,
                                              .range_end = std::numeric_limits<millis>::max()});
    const auto out = join({first, second}, {.durations = {at}});
    REQUIRE(out.cues.size() == cues.size());
    for (std::size_t i = 0; i < cues.size(); ++i) {
      CHECK(out.cues[i].start == cues[i].start);
      CHECK(out.cues[i].end == cues[i].end);
      CHECK(out.cues[i].payload == cues[i].payload);
      CHECK(out.cues[i].text == cues[i].text);
    }
  }
}

// Tests for the transform pipeline (prefix -> map -> merge -> stitch) and the speakers report.
#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <vttkit/pipeline.hpp>
#include <vttkit/transform.hpp>

using vttkit::cue;
using vttkit::millis;

namespace {

cue make_cue(std::string speaker, millis start, millis end, std::string text) {
  cue c;
  c.start = start;
  c.end = end;
  c.speaker = std::move(speaker);
  c.payload = vttkit::make_payload(c.speaker, text);
  c.text = std::move(text);
  return c;
}

/// Runs `cues` through one pipeline; returns what comes out.
std::vector<cue> run(const vttkit::pipeline_options& options, std::vector<cue> cues,
                     std::vector<std::string>* unused = nullptr) {
  std::vector<cue> out;
  vttkit::pipeline pipe{options, [&out](const cue& c) { out.push_back(c); }};
  for (cue& c : cues) pipe.push(c);
  pipe.finish();
  if (unused != nullptr) *unused = pipe.unused_labels();
  return out;
}

vttkit::speaker_map map_of(std::initializer_list<const char*> entries) {
  vttkit::speaker_map map;
  for (const char* e : entries) REQUIRE(map.add_entry(e));
  return map;
}

}  // namespace

TEST_CASE("pipeline: the default options pass every cue through as it is", "[pipeline]") {
  const vttkit::pipeline_options defaults;
  CHECK_FALSE(defaults.speakers_from_prefix);
  CHECK_FALSE(defaults.merge);
  CHECK_FALSE(defaults.stitch);
  CHECK(defaults.speakers.empty());
  CHECK(defaults.merging.max_gap == 2000);  // the documented 2 s
  const std::vector<cue> in{make_cue("A", 0, 1000, "JOE: one."), make_cue("A", 1000, 2000, "two.")};
  CHECK(run(defaults, in) == in);
}

TEST_CASE("pipeline: prefix, then map", "[pipeline]") {
  vttkit::pipeline_options o;
  o.speakers_from_prefix = true;
  const auto out = run(o, {make_cue("", 0, 1000, "JOE: Hello."), make_cue("", 1000, 2000, "Still me.")});
  REQUIRE(out.size() == 2);
  CHECK(out[0].speaker == "JOE");
  CHECK(out[0].text == "Hello.");
  CHECK(out[1].speaker == "JOE");  // no prefix: the speaker before

  o.speakers = map_of({"joe=Joseph"});
  const auto mapped = run(o, {make_cue("", 0, 1000, "JOE: Hello.")});
  REQUIRE(mapped.size() == 1);
  CHECK(mapped[0].speaker == "Joseph");  // the prefix's speaker is renamed: prefix runs first
  CHECK(mapped[0].payload == "<v Joseph>Hello.");
}

TEST_CASE("pipeline: map, then merge joins what the map made one speaker", "[pipeline]") {
  vttkit::pipeline_options o;
  o.merge = true;
  const std::vector<cue> in{make_cue("Ann", 0, 1000, "Hello"), make_cue("ANN B", 1500, 2500, "there.")};
  CHECK(run(o, in).size() == 2);  // two speakers before the map
  o.speakers = map_of({"ann b=Ann"});
  const auto out = run(o, in);
  REQUIRE(out.size() == 1);
  CHECK(out[0].speaker == "Ann");
  CHECK(out[0].text == "Hello there.");
  CHECK(out[0].start == 0);
  CHECK(out[0].end == 2500);
}

TEST_CASE("pipeline: merge, then stitch cuts the merged turn into sentences", "[pipeline]") {
  vttkit::pipeline_options o;
  o.merge = true;
  o.stitch = true;
  o.merging.max_gap = 500;
  const auto out = run(o, {make_cue("A", 0, 1000, "Hello there. How"), make_cue("A", 1200, 2000, "are you?"),
                           make_cue("A", 5000, 6000, "Late.")});
  REQUIRE(out.size() == 3);
  CHECK(out[0].text == "Hello there.");
  CHECK(out[1].text == "How are you?");
  CHECK(out[2].text == "Late.");
  CHECK(out[0].start == 0);
  CHECK(out[1].end == 2000);
  CHECK(out[2].start == 5000);
  for (const auto& c : out) CHECK(c.speaker == "A");
}

TEST_CASE("pipeline: stitch options reach the stitcher", "[pipeline]") {
  vttkit::pipeline_options o;
  o.stitch = true;
  o.stitching.max_chars = 12;
  const auto out = run(o, {make_cue("A", 0, 4000, "one two three four five six.")});
  REQUIRE(out.size() > 1);
  for (const auto& c : out) CHECK(c.text.size() <= 12);
}

TEST_CASE("pipeline: one parsed map serves every input, each with its own unused labels", "[pipeline]") {
  vttkit::pipeline_options o;
  o.speakers = map_of({"  Ann  =Anne", "Bob=Robert"});
  std::vector<std::string> first, second;
  const auto a = run(o, {make_cue("ann", 0, 1000, "hi")}, &first);
  const auto b = run(o, {make_cue("Bob", 0, 1000, "hi")}, &second);
  REQUIRE(a.size() == 1);
  REQUIRE(b.size() == 1);
  CHECK(a[0].speaker == "Anne");
  CHECK(b[0].speaker == "Robert");
  CHECK(first == std::vector<std::string>{"Bob"});
  CHECK(second == std::vector<std::string>{"Ann"});  // as given, trimmed
  // The options' map is not changed by the pipelines that use it.
  CHECK(o.speakers.unused_labels() == std::vector<std::string>{"Ann", "Bob"});
}

TEST_CASE("pipeline: push rewrites a mutable cue in place and copies a const one", "[pipeline]") {
  vttkit::pipeline_options o;
  o.speakers = map_of({"A=Alice"});
  o.rollup = vttkit::rollup_mode::off;  // on, the first cues are held (copied) while it decides
  std::vector<cue> out;
  vttkit::pipeline pipe{o, [&out](const cue& c) { out.push_back(c); }};
  cue mutable_cue = make_cue("A", 0, 1000, "one");
  pipe.push(mutable_cue);
  CHECK(mutable_cue.speaker == "Alice");
  const cue fixed = make_cue("A", 1000, 2000, "two");
  pipe.push(fixed);
  CHECK(fixed.speaker == "A");
  pipe.finish();
  REQUIRE(out.size() == 2);
  CHECK(out[1].speaker == "Alice");
  CHECK(out[1].payload == "<v Alice>two");
}

TEST_CASE("speakers report as JSON", "[pipeline][speakers]") {
  std::vector<vttkit::speaker_stats> rows(2);
  rows[0] = {"Ann \"A\"", 2, 1, 5, 3000};
  rows[1] = {"", 1, 1, 2, 1000};
  CHECK(vttkit::speakers_json(rows) ==
        "{\"speakers\": [\n"
        "  {\"speaker\": \"Ann \\\"A\\\"\", \"cues\": 2, \"turns\": 1, \"words\": 5, \"talk_time\": 3.000, "
        "\"share\": 75.00},\n"
        "  {\"speaker\": null, \"cues\": 1, \"turns\": 1, \"words\": 2, \"talk_time\": 1.000, \"share\": 25.00}\n"
        "]}\n");
  CHECK(vttkit::speakers_json({}) == "{\"speakers\": []}\n");
}

TEST_CASE("speakers report shares when the talk times add up past the largest millis", "[pipeline][speakers]") {
  // Each row's time saturates at the largest millis; their sum must not overflow (it did:
  // undefined behaviour, and every share 0%).
  constexpr auto most = std::numeric_limits<vttkit::millis>::max();
  std::vector<vttkit::speaker_stats> rows(2);
  rows[0] = {"A", 2, 1, 2, most};
  rows[1] = {"B", 1, 1, 1, most};
  const auto json = vttkit::speakers_json(rows);
  CHECK(json.find("\"share\": 50.00},\n") != std::string::npos);
  CHECK(json.find("\"share\": 50.00}\n]") != std::string::npos);
}

TEST_CASE("speakers report as a table", "[pipeline][speakers]") {
  std::vector<vttkit::speaker_stats> rows(2);
  rows[0] = {"Ann", 2, 1, 5, 3723000};  // 1 h 2 min 3 s
  rows[1] = {"", 1, 1, 2, 0};
  CHECK(vttkit::speakers_table(rows) ==
        "speaker    cues   turns    words   talk time   share\n"
        "Ann           2       1        5     1:02:03  100.0%\n"
        "(none)        1       1        2     0:00:00    0.0%\n");
  rows[0].speaker = "A much longer name";  // the first column widens to the longest name
  CHECK(vttkit::speakers_table(rows).starts_with("speaker               cues"));
  // Wide characters take two columns: "李明" and "王" are padded to the 7 of "speaker" by
  // display width, so the numbers stay aligned on a terminal.
  rows[0].speaker = "李明";
  rows[1].speaker = "王";
  CHECK(vttkit::speakers_table(rows) ==
        std::string("speaker    cues   turns    words   talk time   share\n") + "李明" + std::string(10, ' ') +
            "2       1        5     1:02:03  100.0%\n" +                                // 4 columns + 10
            "王" + std::string(12, ' ') + "1       1        2     0:00:00    0.0%\n");  // 2 columns + 12
}

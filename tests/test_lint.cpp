// The linter: every rule fires at its line and column and stays quiet on a near miss; ordering,
// streaming, rule selection, profiles and thresholds.
#include <catch2/catch.hpp>

#include <algorithm>
#include <initializer_list>
#include <utility>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <vttkit/lint.hpp>
#include <vttkit/parse.hpp>

#include "lint/rules.hpp"

namespace {

using vttkit::diagnostic;
using vttkit::rule;

/// Options that run every rule of the catalogue.
vttkit::lint_options all_rules() {
  vttkit::lint_options o;
  o.rules = vttkit::rule_set::all();
  return o;
}

/// The findings of one rule, as "line:column".
std::vector<std::string> where(const std::vector<diagnostic>& found, rule which) {
  std::vector<std::string> out;
  for (const auto& d : found)
    if (d.rule == which) out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column));
  return out;
}

/// The findings of `rule` when `text` is linted with every rule on.
std::vector<std::string> where(const std::string& text, rule which, const vttkit::lint_options& o = all_rules()) {
  return where(vttkit::lint(text, o), which);
}

using at = std::vector<std::string>;
const at none{};

/// A source that fails after handing out some bytes.
class failing_source final : public vttkit::byte_source {
 public:
  explicit failing_source(std::string_view head) : head_(head) {}
  std::ptrdiff_t read(char* data, std::size_t size) override {
    if (head_.empty()) {
      error_ = "device on fire";
      return -1;
    }
    const auto n = std::min(size, head_.size());
    std::copy_n(head_.data(), n, data);
    head_.remove_prefix(n);
    return static_cast<std::ptrdiff_t>(n);
  }

 private:
  std::string_view head_;
};

}  // namespace

// --- E rules: the parser's own diagnostics, passed through -----------------------------------

TEST_CASE("E001 missing-signature: at 1:1, and a signature with header text is fine", "[lint][E001]") {
  CHECK(where("WEBVT\n\n00:00:01.000 --> 00:00:02.000\nx\n", rule::missing_signature) == at{"1:1"});
  CHECK(where("", rule::missing_signature) == at{"1:1"});
  CHECK(where("WEBVTT\tTitle\n\n00:00:01.000 --> 00:00:02.000\nx\n", rule::missing_signature) == none);
}

TEST_CASE("E001: lint reads WebVTT only, so a SubRip file has no signature", "[lint][E001]") {
  CHECK(where("1\n00:00:01,000 --> 00:00:02,000\nx\n", rule::missing_signature) == at{"1:1"});
}

TEST_CASE("E002 invalid-timestamp: at the bad timestamp's column", "[lint][E002]") {
  CHECK(where("WEBVTT\n\n00:00:01.00 --> 00:00:02.000\nx\n", rule::invalid_timestamp) == at{"3:1"});
  // A bad end time is reported where the end time starts.
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.00\nx\n", rule::invalid_timestamp) == at{"3:18"});
  // Near miss: no hours at all is a valid timestamp.
  CHECK(where("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n", rule::invalid_timestamp) == none);
}

TEST_CASE("E003 end-not-after-start: at the timing line; one millisecond later is fine", "[lint][E003]") {
  CHECK(where("WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nx\n", rule::end_not_after_start) == at{"3:1"});
  CHECK(where("WEBVTT\n\n00:00:05.000 --> 00:00:05.000\nx\n", rule::end_not_after_start) == at{"3:1"});
  CHECK(where("WEBVTT\n\n00:00:05.000 --> 00:00:05.001\nx\n", rule::end_not_after_start) == none);
}

TEST_CASE("E004 arrow-in-text: at the arrow; a single-dash arrow in text is fine", "[lint][E004]") {
  const std::string missing_blank =
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfirst\n00:00:02.000 --> 00:00:03.000\nx\n";
  CHECK(where(missing_blank, rule::arrow_in_text) == at{"5:14"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na -> b\n", rule::arrow_in_text) == none);
}

TEST_CASE("E005 invalid-utf8: at the bad byte's column; valid UTF-8 is fine", "[lint][E005]") {
  // The first byte outside ASCII is UTF-8, so the file is read as UTF-8 (not guessed to be Windows-1252).
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ncaf\xC3\xA9 \xE9t\xE9\n", rule::invalid_utf8) ==
        at{"4:6", "4:8"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ncaf\xC3\xA9 au lait\n", rule::invalid_utf8) == none);
}

TEST_CASE("E006 nul-character: at the NUL's column; the NUL symbol U+2400 is fine", "[lint][E006]") {
  using namespace std::string_literals;
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na\0b\n"s, rule::nul_character) == at{"4:2"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na\xE2\x90\x80"
              "b\n",
              rule::nul_character) == none);
}

// --- W rules -------------------------------------------------------------------------------

TEST_CASE("W101 start-backwards: at the later cue's timing line", "[lint][W101]") {
  const auto found = vttkit::lint(
      "WEBVTT\n\n00:00:05.000 --> 00:00:06.000\none\n\n00:00:01.000 --> 00:00:02.000\ntwo\n", all_rules());
  CHECK(where(found, rule::start_backwards) == at{"6:1"});
  // The two cues share no time, so they do not overlap.
  CHECK(where(found, rule::overlap) == none);
  // Near miss: the same start is not earlier.
  CHECK(where("WEBVTT\n\n00:00:05.000 --> 00:00:06.000\none\n\n00:00:05.000 --> 00:00:07.000\ntwo\n",
              rule::start_backwards) == none);
}

TEST_CASE("W102 overlap: at the later cue's timing line; touching cues are fine", "[lint][W102]") {
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\none\n\n00:00:02.500 --> 00:00:04.000\ntwo\n", rule::overlap) ==
        at{"6:1"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\none\n\n00:00:03.000 --> 00:00:04.000\ntwo\n", rule::overlap) ==
        none);
  // Under the transcript profile two speakers may talk at once; one speaker may not overlap
  // themselves, nor a cue without a speaker. The default profile reports them all.
  vttkit::lint_options transcript;
  transcript.rules = vttkit::profile_rules(vttkit::lint_profile::transcript);
  const std::string two = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v A>one\n\n00:02.500 --> 00:04.000\n<v B>two\n";
  CHECK(where(two, rule::overlap, transcript) == none);
  CHECK(where(two, rule::overlap, vttkit::lint_options{}) == at{"6:1"});
  const std::string self = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v A>one\n\n00:02.500 --> 00:04.000\n<v A>two\n";
  CHECK(where(self, rule::overlap, transcript) == at{"6:1"});
  const std::string unnamed = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v A>one\n\n00:02.500 --> 00:04.000\ntwo\n";
  CHECK(where(unnamed, rule::overlap, transcript) == at{"6:1"});
  // Only the cue just before counts: the third cue starts after the second ends.
  CHECK(where("WEBVTT\n\n00:01.000 --> 00:09.000\na\n\n00:02.000 --> 00:03.000\nb\n\n00:04.000 --> 00:05.000\nc\n",
              rule::overlap) == at{"6:1"});
}

TEST_CASE("W103 short-hours: once per timing line, at the first short timestamp", "[lint][W103]") {
  CHECK(where("WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nx\n", rule::short_hours) == at{"3:1"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 0:00:02.000\nx\n", rule::short_hours) == at{"3:18"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n", rule::short_hours) == none);
  CHECK(where("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n", rule::short_hours) == none);  // no hours at all
}

TEST_CASE("W104 bad-setting: at the setting; a valid one is fine", "[lint][W104]") {
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:middle2\none\n", rule::bad_setting) == at{"3:31"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:center line:0\none\n", rule::bad_setting) == none);
}

TEST_CASE("W105 bad-tag: at each bad tag; known tags and an open <v> are fine", "[lint][W105]") {
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<blink>one</blink>\n", rule::bad_tag) == at{"4:1", "4:11"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann><i>one</i>\n", rule::bad_tag) == none);
}

TEST_CASE("W106 bad-entity: at the '&'; a character reference is fine", "[lint][W106]") {
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nTom & Jerry\n", rule::bad_entity) == at{"4:5"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nTom &amp; Jerry\n", rule::bad_entity) == none);
}

TEST_CASE("W107 duplicate-id: at the second id's line; ids differing in case are fine", "[lint][W107]") {
  const auto found = vttkit::lint(
      "WEBVTT\n\nintro\n00:00:01.000 --> 00:00:02.000\none\n\nintro\n00:00:03.000 --> 00:00:04.000\ntwo\n",
      all_rules());
  REQUIRE(where(found, rule::duplicate_id) == at{"7:1"});
  const auto d = std::find_if(found.begin(), found.end(),
                              [](const diagnostic& x) { return x.rule == rule::duplicate_id; });
  CHECK(d->message.find("line 3") != std::string::npos);  // points back at the first use
  CHECK(where("WEBVTT\n\nintro\n00:00:01.000 --> 00:00:02.000\none\n\nIntro\n00:00:03.000 --> 00:00:04.000\ntwo\n",
              rule::duplicate_id) == none);
}

TEST_CASE("W107 with numbered ids: in order, out of order, and look-alikes", "[lint][W107]") {
  auto ids = [](const std::vector<std::string>& list) {
    std::string text = "WEBVTT\n";
    for (std::size_t i = 0; i < list.size(); ++i)
      text += "\n" + list[i] + "\n00:" + std::to_string(10 + i) + ".000 --> 00:" + std::to_string(10 + i) + ".500\nx\n";
    return where(text, rule::duplicate_id);
  };
  // Each cue takes four lines from line 3: the id of cue i is on line 3 + 4 * i.
  CHECK(ids({"1", "2", "3", "2"}) == at{"15:1"});
  CHECK(ids({"5", "3", "4", "6", "1", "2", "4"}) == at{"27:1"});  // ranges 1-6 joined, then 4 again
  CHECK(ids({"1", "2", "3", "4"}) == none);
  CHECK(ids({"7", "07", "+7", "7.0"}) == none);  // different strings are different ids
  CHECK(ids({"18446744073709551615", "9999999999999999999", "9999999999999999999"}) == at{"11:1"});
}

TEST_CASE("W108 empty-cue: nothing but white space, tags or no-break spaces", "[lint][W108]") {
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n00:00:03.000 --> 00:00:04.000\ntwo\n", rule::empty_cue) ==
        at{"3:1"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<i> </i>\n", rule::empty_cue) == at{"3:1"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n&nbsp;\n", rule::empty_cue) == at{"3:1"});
  // Near miss: a single visible character.
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n <i>.</i>\n", rule::empty_cue) == none);
}

// --- S rules (thresholds from the Netflix Timed Text Style Guide) ---------------------------

TEST_CASE("S201 line-too-long: at the long line, counting code points of the plain text", "[lint][S201]") {
  const std::string cue = "WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n";
  CHECK(where(cue + std::string(43, 'a') + "\n", rule::line_too_long) == at{"4:1"});
  CHECK(where(cue + "short\n" + std::string(43, 'a') + "\n", rule::line_too_long) == at{"5:1"});
  CHECK(where(cue + std::string(42, 'a') + "\n", rule::line_too_long) == none);
  // Tags do not count, references count once, and 42 two-byte letters are 42 characters.
  CHECK(where(cue + "<v Somebody Long>" + std::string(36, 'a') + "&amp;&lt;\n", rule::line_too_long) == none);
  std::string accented;
  for (int i = 0; i < 42; ++i) accented += "\xC3\xA9";
  CHECK(where(cue + accented + "\n", rule::line_too_long) == none);
}

TEST_CASE("S202 too-many-lines: at the timing line", "[lint][S202]") {
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\none\ntwo\nthree\n", rule::too_many_lines) == at{"3:1"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:05.000\none\ntwo\n", rule::too_many_lines) == none);
}

TEST_CASE("S203 reading-speed: code points per second, line breaks excluded", "[lint][S203]") {
  // 21 characters in one second.
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n123456789012345678901\n", rule::reading_speed) == at{"3:1"});
  // 20 characters in one second, split over two lines: the line break does not count.
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n1234567890\n1234567890\n", rule::reading_speed) == none);
}

TEST_CASE("S204 too-short and S205 too-long: at the timing line, limits inclusive", "[lint][S204][S205]") {
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:01.832\nHi\n", rule::too_short) == at{"3:1"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:01.833\nHi\n", rule::too_short) == none);
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:08.001\nA long wait.\n", rule::too_long) == at{"3:1"});
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:08.000\nA long wait.\n", rule::too_long) == none);
  // A cue that ends before it starts is E003, not also too short.
  CHECK(where("WEBVTT\n\n00:00:02.000 --> 00:00:01.900\nHi\n", rule::too_short) == none);
}

TEST_CASE("S206 gap-too-small: gaps above zero and below the minimum", "[lint][S206]") {
  auto gap = [](const std::string& second_start) {
    return where("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\none\n\n" + second_start + " --> 00:00:05.000\ntwo\n",
                 rule::gap_too_small);
  };
  CHECK(gap("00:00:03.020") == at{"6:1"});
  CHECK(gap("00:00:03.082") == at{"6:1"});
  CHECK(gap("00:00:03.083") == none);  // the minimum itself is fine
  CHECK(gap("00:00:03.000") == none);  // back to back: no gap at all
  CHECK(gap("00:00:02.900") == none);  // an overlap is W102's business
}

// --- T rules -------------------------------------------------------------------------------

TEST_CASE("T301 missing-speaker: only in a file where some cue has a speaker", "[lint][T301]") {
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>one\n\n00:00:03.000 --> 00:00:04.000\ntwo\n",
              rule::missing_speaker) == at{"6:1"});
  // The speaker may come later in the file.
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\none\n\n00:00:03.000 --> 00:00:04.000\n<v Ann>two\n",
              rule::missing_speaker) == at{"3:1"});
  // Near misses: no speaker anywhere; an empty cue (W108 says enough).
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\none\n\n00:00:03.000 --> 00:00:04.000\ntwo\n",
              rule::missing_speaker) == none);
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>one\n\n00:00:03.000 --> 00:00:04.000\n<i></i>\n",
              rule::missing_speaker) == none);
}

TEST_CASE("T302 inconsistent-speaker: at the <v> tag of the odd spelling", "[lint][T302]") {
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Speaker 1>one\n\n00:00:03.000 --> 00:00:04.000\n"
              "<v speaker  1>two\n",
              rule::inconsistent_speaker) == at{"7:1"});
  // The tag's column, in code points, on the line it is on.
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v ANN>one\n\n00:00:03.000 --> 00:00:04.000\n"
              "\xC3\xA9<i><v Ann>two</i>\n",
              rule::inconsistent_speaker) == at{"7:5"});
  // Every odd occurrence counts, also after other speakers.
  CHECK(where("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>a\n\n00:03.000 --> 00:04.000\n<v ann>b\n\n"
              "00:05.000 --> 00:06.000\n<v Bob>c\n\n00:07.000 --> 00:08.000\n<v ann>d\n",
              rule::inconsistent_speaker) == at{"7:1", "13:1"});
  // Near misses: the same spelling again; different names.
  CHECK(where("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>a\n\n00:03.000 --> 00:04.000\n<v Ann>b\n",
              rule::inconsistent_speaker) == none);
  CHECK(where("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Speaker 1>a\n\n00:03.000 --> 00:04.000\n<v Speaker 2>b\n",
              rule::inconsistent_speaker) == none);
}

TEST_CASE("T302 compares speakers as the parser reads them: white space runs collapsed", "[lint][T302]") {
  auto second = [](const std::string& tag) {
    return where("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Speaker 1>a\n\n00:03.000 --> 00:04.000\n" + tag + "b\n",
                 rule::inconsistent_speaker);
  };
  // WebVTT turns each run of white space in an annotation into one space: the same label.
  CHECK(second("<v Speaker  1>") == none);
  CHECK(second("<v Speaker\t1>") == none);
  CHECK(second("<v  Speaker 1 >") == none);  // the separator and the ends are not part of the label
  CHECK(second("<v.loud Speaker 1>") == none);
  // Missing white space, a no-break space, and case still differ.
  CHECK(second("<v Speaker1>") == at{"7:1"});
  CHECK(second("<v Speaker&nbsp;1>") == at{"7:1"});
  CHECK(second("<v.loud SPEAKER 1>") == at{"7:1"});  // classes before the name
}

TEST_CASE("T302 takes the speaker of the first real <v> tag, not of text inside another tag", "[lint][T302]") {
  // `<c <v JOE>` is a <c> tag whose annotation is "<v JOE": the cue's voice is Joe.
  CHECK(where("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Joe>a\n\n00:03.000 --> 00:04.000\n<c <v JOE>x</c><v Joe>y\n",
              rule::inconsistent_speaker) == none);
  // And a finding points at that tag, quoting its label.
  const auto found = vttkit::lint(
      "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Joe>a\n\n00:03.000 --> 00:04.000\n<c <v Joe>x</c><v JOE>y\n", all_rules());
  CHECK(where(found, rule::inconsistent_speaker) == at{"7:16"});
  for (const auto& d : found)
    if (d.rule == rule::inconsistent_speaker)
      CHECK(d.message == "speaker \"JOE\" differs only in case or white space from \"Joe\" (line 3)");
}

TEST_CASE("T302 folds case beyond ASCII", "[lint][T302]") {
  CHECK(where("WEBVTT\n\n00:01.000 --> 00:02.000\n<v \xC3\x89mile>a\n\n00:03.000 --> 00:04.000\n<v \xC3\xA9mile>b\n",
              rule::inconsistent_speaker) == at{"7:1"});
}

// --- Order and streaming -------------------------------------------------------------------

TEST_CASE("findings come out by line, then column, whoever found them", "[lint][order]") {
  // The parser reports the E004 at line 5 before it hands out the cue of line 3, whose S204
  // the linter finds later; the output is still in line order.
  const auto found = vttkit::lint("WEBVTT\n\n00:00:01.000 --> 00:00:01.300\nx\n00:00:02.000 --> 00:00:03.000\ny\n",
                                  all_rules());
  REQUIRE(found.size() >= 2);
  CHECK(std::is_sorted(found.begin(), found.end(), [](const diagnostic& a, const diagnostic& b) {
    return a.line < b.line || (a.line == b.line && a.column < b.column);
  }));
  CHECK(where(found, rule::too_short) == at{"3:1"});
  CHECK(where(found, rule::arrow_in_text) == at{"5:14"});
}

TEST_CASE("findings of every kind come out in line order", "[lint][order]") {
  // Header lines (W110, the parser), bad bytes and timings (E rules, the parser), overlaps,
  // ids, speakers and subtitle limits (the linter, some held back for T301): sorted.
  const std::string file =
      "WEBVTT\nKind: captions\nLanguage: en\n\n"
      "a\n0:00:05.000 --> 00:00:06.000 align:middle\n<v Ann>one &bogus; \xFF\n\n"
      "a\n00:00:04.000 --> 00:00:04.100\nno speaker " +
      std::string(50, 'x') +
      "\n\n"
      "00:00:04.050 --> 00:00:07.000\n<v ann>three\n00:00:08.000 --> 00:00:09.000\n<v Bo>four\n\n"
      "00:00:10.000 --> 00:00:0x.000\nlost\n";
  const auto found = vttkit::lint(file, all_rules());
  std::vector<std::string> ids;
  for (const auto& d : found) ids.push_back(std::string(vttkit::info(d.rule).id) + "@" + std::to_string(d.line));
  INFO(ids.size());
  CHECK(std::is_sorted(found.begin(), found.end(), [](const diagnostic& a, const diagnostic& b) {
    return a.line < b.line || (a.line == b.line && a.column < b.column);
  }));
  CHECK(where(found, rule::header_metadata) == at{"2:1", "3:1"});
  CHECK(ids.size() >= 12);
}

TEST_CASE("a finding held back for T301 still comes out in order", "[lint][order][T301]") {
  // Line 3 has both W103 and (once the speaker on line 6 is seen) T301: same place, catalogue order.
  const auto found = vttkit::lint(
      "WEBVTT\n\n0:00:01.000 --> 0:00:02.000\none\n\n00:00:03.000 --> 00:00:04.000\n<v Ann>two\n", all_rules());
  REQUIRE(found.size() == 2);
  CHECK(found[0].rule == rule::short_hours);
  CHECK(found[1].rule == rule::missing_speaker);
  CHECK(found[1].line == 3);
}

TEST_CASE("a long hold for T301 is merged in order when the first speaker comes", "[lint][order][T301]") {
  // 2000 speakerless cues with short hours, then one with a speaker: every cue before it gets
  // W103 and T301 at its timing line, in that order.
  std::string text = "WEBVTT\n";
  for (int i = 0; i < 2000; ++i) text += "\n0:00:01.000 --> 0:00:02.000\nx\n";
  text += "\n00:00:03.000 --> 00:00:04.000\n<v Ann>y\n";
  auto o = all_rules();
  o.rules.remove(rule::start_backwards);
  o.rules.remove(rule::overlap);
  o.rules.remove(rule::too_short);
  const auto found = vttkit::lint(text, o);
  REQUIRE(found.size() == 4000);
  for (std::size_t i = 0; i < 2000; ++i) {
    INFO(i);
    CHECK(found[2 * i].rule == rule::short_hours);
    CHECK(found[2 * i + 1].rule == rule::missing_speaker);
    CHECK(found[2 * i].line == 3 + 3 * i);
    CHECK(found[2 * i + 1].line == 3 + 3 * i);
  }
}

TEST_CASE("the linter hands findings out while the file streams by", "[lint][stream]") {
  std::vector<diagnostic> out;
  vttkit::linter lint{all_rules(), [&out](const diagnostic& d) { out.push_back(d); }};
  vttkit::cue a;
  a.start = 1000;
  a.end = 2000;
  a.line = 3;  // empty text: W108
  lint.add_cue(a);
  CHECK(out.empty());  // the next cue might still bring something earlier
  vttkit::cue b = a;
  b.start = 3000;
  b.end = 4000;
  b.line = 6;
  b.text = "two";
  lint.add_cue(b);
  REQUIRE(out.size() == 1);  // nothing can come before line 6 any more
  CHECK(out[0].rule == rule::empty_cue);
  lint.finish();
  CHECK(out.size() == 1);
  CHECK(lint.warning_count() == 1);
  CHECK(lint.error_count() == 0);
}

TEST_CASE("the linter holds a bounded number of findings back", "[lint][stream]") {
  // Text blocks without timing lines (E002 each) and no cue for a long stretch: no cue ever
  // says that nothing earlier can turn up, so only the bound hands them out.
  std::vector<diagnostic> out;
  vttkit::linter lint{all_rules(), [&out](const diagnostic& d) { out.push_back(d); }};
  constexpr std::size_t most = vttkit::detail::finding_queue::most_held;
  for (std::size_t i = 0; i <= most; ++i) lint.add_diagnostic({rule::invalid_timestamp, 3 + 2 * i, 1, "dropped"});
  CHECK(out.size() == most + 1);  // handed out on reaching the bound, before the end of the file
  lint.add_diagnostic({rule::invalid_timestamp, 3 + 2 * (most + 1), 1, "dropped"});
  CHECK(out.size() == most + 1);  // held again below the bound
  lint.finish();
  REQUIRE(out.size() == most + 2);
  CHECK(
      std::is_sorted(out.begin(), out.end(), [](const diagnostic& a, const diagnostic& b) { return a.line < b.line; }));
}

TEST_CASE("lint of a cue with a finding every four bytes lists each one past the bound", "[lint][stream]") {
  // 400,000 W106 in one cue: the held findings reach the bound several times, none is lost.
  std::string input = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n";
  for (int i = 0; i < 400000; ++i) input += "&amp";
  vttkit::memory_source src{input};
  std::size_t seen = 0;
  const auto s = vttkit::lint(src, {}, [&seen](const diagnostic& d) { seen += d.rule == rule::bad_entity; });
  CHECK(s.warnings == 400000);
  CHECK(seen == 400000);
}

TEST_CASE("parser diagnostics of disabled rules are dropped", "[lint][stream]") {
  vttkit::lint_options o;
  o.rules = vttkit::rule_set{};
  o.rules.add(rule::overlap);
  std::vector<diagnostic> out;
  vttkit::linter lint{o, [&out](const diagnostic& d) { out.push_back(d); }};
  lint.add_diagnostic({rule::short_hours, 3, 1, "short"});
  lint.add_diagnostic({rule::invalid_utf8, 4, 2, "bad"});
  lint.finish();
  CHECK(out.empty());
}

TEST_CASE("lint over a source: counts, and a read error is reported", "[lint][source]") {
  vttkit::memory_source ok{"WEBVTT\n\n0:00:01.000 --> 00:00:00.500\nx\n"};
  std::size_t seen = 0;
  const auto s = vttkit::lint(ok, {}, [&seen](const diagnostic&) { ++seen; });
  CHECK(s.errors == 1);    // E003
  CHECK(s.warnings == 1);  // W103
  CHECK(seen == 2);
  CHECK(s.read_error.empty());

  failing_source broken{"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"};
  const auto f = vttkit::lint(broken, {}, nullptr);
  CHECK(f.read_error == "device on fire");
}

// --- Selection, profiles, thresholds -------------------------------------------------------

TEST_CASE("W110 header-metadata: Kind: and Language: header lines, any case", "[lint][W110]") {
  CHECK(where("WEBVTT\nKind: captions\nlanguage:en\nX-Other: 1\n\n00:01.000 --> 00:02.000\nKind: a cue\n",
              rule::header_metadata) == at{"2:1", "3:1"});
  CHECK(where("WEBVTT Kind: captions\n\n00:01.000 --> 00:02.000\nx\n", rule::header_metadata) == none);
  const auto found = vttkit::lint("WEBVTT\nKind: captions\n", all_rules());
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "'Kind:' header line: metadata WebVTT does not define, which players ignore");
  // On by default, off in the transcript profile (YouTube writes it on every file).
  CHECK(vttkit::profile_rules(vttkit::lint_profile::standard).contains(rule::header_metadata));
  CHECK(vttkit::profile_rules(vttkit::lint_profile::subtitle).contains(rule::header_metadata));
  CHECK_FALSE(vttkit::profile_rules(vttkit::lint_profile::transcript).contains(rule::header_metadata));
}

TEST_CASE("profiles: E and W by default, S or T added", "[lint][select]") {
  const auto standard = vttkit::profile_rules(vttkit::lint_profile::standard);
  CHECK(standard.contains(rule::missing_signature));
  CHECK(standard.contains(rule::empty_cue));
  CHECK_FALSE(standard.contains(rule::line_too_long));
  CHECK_FALSE(standard.contains(rule::missing_speaker));
  const auto subtitle = vttkit::profile_rules(vttkit::lint_profile::subtitle);
  CHECK(subtitle.contains(rule::gap_too_small));
  CHECK_FALSE(subtitle.contains(rule::inconsistent_speaker));
  const auto transcript = vttkit::profile_rules(vttkit::lint_profile::transcript);
  CHECK(transcript.contains(rule::inconsistent_speaker));
  CHECK_FALSE(transcript.contains(rule::too_long));
  CHECK(vttkit::parse_lint_profile("subtitle") == vttkit::lint_profile::subtitle);
  CHECK(vttkit::parse_lint_profile("default") == vttkit::lint_profile::standard);
  CHECK_FALSE(vttkit::parse_lint_profile("netflix").has_value());
  // The default options are the default profile: a long line is not a finding.
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:09.000\n" + std::string(60, 'a') + "\n", rule::line_too_long,
              vttkit::lint_options{}) == none);
}

TEST_CASE("selectors: ids, names and id prefixes, any case", "[lint][select]") {
  CHECK(vttkit::rules_matching("W103") == vttkit::rules_matching("short-hours"));
  CHECK(vttkit::rules_matching("OVERLAP")->contains(rule::overlap));
  const auto w = *vttkit::rules_matching("w");
  CHECK(w.contains(rule::start_backwards));
  CHECK(w.contains(rule::empty_cue));
  CHECK_FALSE(w.contains(rule::missing_signature));
  const auto s20 = *vttkit::rules_matching("S20");
  CHECK(s20.contains(rule::line_too_long));
  CHECK(s20.contains(rule::gap_too_small));
  CHECK_FALSE(vttkit::rules_matching("X").has_value());
  CHECK_FALSE(vttkit::rules_matching("W1030").has_value());
  CHECK_FALSE(vttkit::rules_matching("").has_value());
}

TEST_CASE("selection: --select replaces the profile, --ignore removes, commas separate", "[lint][select]") {
  vttkit::rule_set rules;
  std::string error;
  const std::vector<std::string> no;
  REQUIRE(vttkit::resolve_rules(vttkit::lint_profile::standard, std::vector<std::string>{"E,W102"}, no, rules, error));
  CHECK(rules.contains(rule::nul_character));
  CHECK(rules.contains(rule::overlap));
  CHECK_FALSE(rules.contains(rule::short_hours));

  // A selected rule runs whatever the profile.
  REQUIRE(vttkit::resolve_rules(vttkit::lint_profile::standard, std::vector<std::string>{"line-too-long"}, no, rules,
                                error));
  CHECK(rules.contains(rule::line_too_long));
  CHECK_FALSE(rules.contains(rule::missing_signature));

  REQUIRE(
      vttkit::resolve_rules(vttkit::lint_profile::subtitle, no, std::vector<std::string>{"W103", "S"}, rules, error));
  CHECK(rules.contains(rule::overlap));
  CHECK_FALSE(rules.contains(rule::short_hours));
  CHECK_FALSE(rules.contains(rule::too_long));

  // Ignore wins over select; stray commas and spaces are harmless.
  REQUIRE(vttkit::resolve_rules(vttkit::lint_profile::standard, std::vector<std::string>{"W, "},
                                std::vector<std::string>{",W103"}, rules, error));
  CHECK(rules.contains(rule::overlap));
  CHECK_FALSE(rules.contains(rule::short_hours));

  CHECK_FALSE(
      vttkit::resolve_rules(vttkit::lint_profile::standard, std::vector<std::string>{"E,nonsense"}, no, rules, error));
  CHECK(error.find("'nonsense'") != std::string::npos);
}

TEST_CASE("thresholds move the S rules' limits", "[lint][thresholds]") {
  auto o = all_rules();
  o.max_line_length = 10;
  o.max_lines = 1;
  o.max_cps = 5;
  o.min_duration = 2000;
  o.max_duration = 3000;
  o.min_gap = 500;
  const auto found = vttkit::lint(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nelevenchars\nb\n\n00:00:02.900 --> 00:00:06.000\nabc\n", o);
  CHECK(where(found, rule::line_too_long) == at{"4:1"});
  CHECK(where(found, rule::too_many_lines) == at{"3:1"});
  CHECK(where(found, rule::reading_speed) == at{"3:1"});  // 12 characters in 1.5 s
  CHECK(where(found, rule::too_short) == at{"3:1"});
  CHECK(where(found, rule::too_long) == at{"7:1"});
  CHECK(where(found, rule::gap_too_small) == at{"7:1"});  // 400 ms
  // The defaults let the same file pass these rules.
  const auto relaxed = vttkit::lint(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nelevenchars\nb\n\n00:00:02.900 --> 00:00:06.000\nabc\n", all_rules());
  CHECK(where(relaxed, rule::line_too_long) == none);
  CHECK(where(relaxed, rule::reading_speed) == none);
  CHECK(where(relaxed, rule::gap_too_small) == none);
}

TEST_CASE("a maximum of 0 means no limit; minimums of 0 are never undercut", "[lint][thresholds]") {
  auto o = all_rules();
  o.max_line_length = 0;
  o.max_lines = 0;
  o.max_cps = 0;
  o.min_duration = 0;
  o.max_duration = 0;
  o.min_gap = 0;
  // One line of 60 characters, three lines, 200 characters a second, a 20 s cue, 1 ms gaps:
  // each breaks a default limit, none breaks a limit of 0.
  const std::string text = "WEBVTT\n\n00:00:01.000 --> 00:00:01.300\n" + std::string(60, 'x') +
                           "\n\n00:00:01.301 --> 00:00:21.301\na\nb\nc\n\n00:00:21.302 --> 00:00:21.303\nd\n";
  const auto found = vttkit::lint(text, o);
  for (const auto r : {rule::line_too_long, rule::too_many_lines, rule::reading_speed, rule::too_short, rule::too_long,
                       rule::gap_too_small})
    CHECK(where(found, r) == none);
  const auto defaults = vttkit::lint(text, all_rules());
  for (const auto r : {rule::line_too_long, rule::too_many_lines, rule::reading_speed, rule::too_short, rule::too_long,
                       rule::gap_too_small})
    CHECK(where(defaults, r) != none);
}

TEST_CASE("every finding carries its catalogue entry and a message", "[lint]") {
  const auto found = vttkit::lint("WEBVTT\n\n0:00:01.000 --> 0:00:00.500 bogus\n<x>&\n", all_rules());
  REQUIRE_FALSE(found.empty());
  for (const auto& d : found) {
    INFO(d.info().id);
    CHECK_FALSE(d.message.empty());
    CHECK(d.line >= 1);
    CHECK(d.column >= 1);
  }
}

// --- The rule table ------------------------------------------------------------------------

TEST_CASE("the rule table: the parser's rules, the linter's, and those that lose content", "[lint][table]") {
  std::vector<std::string> parser, loses;
  for (const auto& r : vttkit::all_rules()) {
    if (r.from_parser) parser.emplace_back(r.id);
    if (r.loses_content) loses.emplace_back(r.id);
  }
  CHECK(parser == std::vector<std::string>{"E001", "E002", "E003", "E004", "E005", "E006", "W103", "W104", "W105",
                                           "W106", "W109", "W110"});
  // vtt fmt refuses these: no signature, a dropped cue, bytes or NULs replaced by U+FFFD, a
  // dropped cue setting.
  CHECK(loses == std::vector<std::string>{"E001", "E002", "E005", "E006", "W104"});
  // Each rule the linter finds has exactly one check; the parser's have none.
  for (const auto& r : vttkit::all_rules()) {
    INFO(r.id);
    const auto checks = std::count_if(vttkit::detail::rule_checks().begin(), vttkit::detail::rule_checks().end(),
                                      [&r](const vttkit::detail::rule_check& c) { return c.rule == r.rule; });
    CHECK(checks == (r.from_parser ? 0 : 1));
  }
}

TEST_CASE("rule_set::all holds every rule of the table and nothing else", "[lint][table]") {
  static_assert(vttkit::rule_count == 26);
  constexpr auto all = vttkit::rule_set::all();
  for (const auto& r : vttkit::all_rules()) CHECK(all.contains(r.rule));
  vttkit::rule_set rest = all;
  for (const auto& r : vttkit::all_rules()) rest.remove(r.rule);
  CHECK(rest.empty());
  CHECK(vttkit::info(rule::overlap).id == "W102");
  CHECK(vttkit::info(rule::inconsistent_speaker).name == "inconsistent-speaker");
}

namespace {
/// A WebVTT file of cues (speaker, text), one second each from 1 s, without
/// gaps: cue k (from 0) has its timing line at 3 + 3k.
std::string voices(std::initializer_list<std::pair<std::string, std::string>> cues) {
  std::string out = "WEBVTT\n";
  int t = 1;
  for (const auto& [speaker, text] : cues) {
    out += fmt::format("\n00:00:{:02}.000 --> 00:00:{:02}.000\n<v {}>{}\n", t, t + 1, speaker, text);
    ++t;
  }
  return out;
}
}  // namespace

TEST_CASE("T303 suspicious-speaker-change: at the first cue after the change", "[lint][T303]") {
  const auto r = rule::suspicious_speaker_change;
  // A sentence ending on a word no sentence ends on, full stop or not.
  CHECK(where(voices({{"Ann", "We went back to the"}, {"Ben", "station before noon."}}), r) == at{"6:1"});
  CHECK(where(voices({{"Ann", "Yes."}, {"Ann", "I want to."}, {"Ben", "Get back to it."}}), r) == at{"9:1"});
  // No sentence mark, then a lower-case word; or a clause mark before any word.
  CHECK(where(voices({{"Ann", "It was late"}, {"Ben", "when we left."}}), r) == at{"6:1"});
  CHECK(where(voices({{"Ann", "It was late,"}, {"Ben", "When we left."}}), r) == at{"6:1"});
  // A short clause, then a question's opening without its question mark.
  CHECK(where(voices({{"Ann", "Right, and like there."}, {"Ben", "Was all this noise"}, {"Ben", "about it."}}), r) ==
        at{"6:1"});
  // The message names both speakers and quotes the joint.
  const auto found = vttkit::lint(
      voices({{"Ann", "one two three four five six the"}, {"Ben", "end of it all and more."}}), [] {
        vttkit::lint_options o;
        o.rules = vttkit::profile_rules(vttkit::lint_profile::transcript);
        return o;
      }());
  REQUIRE(found.size() == 1);
  CHECK(found[0].message ==
        "speaker changes from \"Ann\" to \"Ben\" inside a sentence: \"...three four five six the | end of it all "
        "and...\"");
  // Near misses: a finished sentence; a real question; a long clause before a question
  // opener; a capital after no mark; the same speaker.
  CHECK(where(voices({{"Ann", "We went back."}, {"Ben", "Good."}}), r) == none);
  CHECK(where(voices({{"Ann", "Yes, I see."}, {"Ben", "Was it late?"}}), r) == none);
  CHECK(where(voices({{"Ann", "It was a very good year."}, {"Ben", "Was it late."}}), r) == none);
  CHECK(where(voices({{"Ann", "Well"}, {"Ben", "Yes, quite."}}), r) == none);
  CHECK(where(voices({{"Ann", "We went to the"}, {"Ann", "station."}}), r) == none);
}

TEST_CASE("T304 short-interjection: at the short turn", "[lint][T304]") {
  const auto r = rule::short_interjection;
  // One cue of under three words between two turns of one other speaker, with no pause.
  const auto text = voices({{"Ann", "The results were better than"}, {"Ben", "we hoped"}, {"Ann", "in every region."}});
  CHECK(where(text, r) == at{"6:1"});
  CHECK(where(text, rule::suspicious_speaker_change) == none);  // the change around it is not T303 too
  // A pause of a second on either side, text finished around it: the other speaker waited.
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Is it late?\n\n00:00:03.000 --> 00:00:03.500\n"
              "<v Ben>Quite.\n\n00:00:03.600 --> 00:00:05.000\n<v Ann>I thought so.\n",
              r) == none);
  // The same, but the sentence runs on through it: a finding.
  CHECK(where("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>We went to the\n\n00:00:03.000 --> 00:00:03.500\n"
              "<v Ben>old\n\n00:00:03.600 --> 00:00:05.000\n<v Ann>station.\n",
              r) == at{"6:1"});
  // Near misses: three words; two cues; a third speaker after it.
  CHECK(where(voices({{"Ann", "The results were"}, {"Ben", "better than we"}, {"Ann", "hoped."}}), r) == none);
  CHECK(where(voices({{"Ann", "The results"}, {"Ben", "were"}, {"Ben", "better"}, {"Ann", "than hoped."}}), r) == none);
  CHECK(where(voices({{"Ann", "The results"}, {"Ben", "were"}, {"Cy", "better."}}), r) == none);
}

TEST_CASE("T303 and T304: labels differing only in case or white space are one speaker", "[lint][T303][T304]") {
  CHECK(where(voices({{"Speaker 1", "one"}, {"speaker  1", "two"}}), rule::suspicious_speaker_change) == none);
  CHECK(where(voices({{"Ann", "We went to the"}, {"Ben", "old"}, {"ANN", "station."}}), rule::short_interjection) ==
        at{"6:1"});
}

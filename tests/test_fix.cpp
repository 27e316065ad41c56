// vtt fix's library side: the recovering parse, the fixer and fix_webvtt. Expected outputs are
// written by hand from the rules of docs/commands.md ("vtt fix").
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include <vttkit/diff.hpp>
#include <vttkit/fix.hpp>
#include <vttkit/format.hpp>
#include <vttkit/parse.hpp>

namespace {

struct fixed {
  std::string out;
  std::vector<vttkit::repair> repairs;
  bool signature = false;
};

fixed fix(std::string_view in, vttkit::fix_options options = {}) {
  fixed f;
  vttkit::memory_source source{in};
  vttkit::string_sink sink{f.out};
  const auto done = vttkit::fix_webvtt(source, &sink, {}, options,
                                       [&](const vttkit::repair& r) { f.repairs.push_back(r); });
  f.signature = done.signature;
  return f;
}

vttkit::fix_options unsafe() {
  vttkit::fix_options o;
  o.unsafe = true;
  return o;
}

/// "E002@3 safe made" for each repair, to compare lists at a glance.
std::vector<std::string> summary(const std::vector<vttkit::repair>& repairs) {
  std::vector<std::string> lines;
  for (const auto& r : repairs)
    lines.push_back(std::string(r.what.info().id) + "@" + std::to_string(r.what.line) + (r.safe ? " safe" : " unsafe") +
                    (r.applied ? " made" : " left"));
  return lines;
}

}  // namespace

TEST_CASE("fix recovers timing lines whose meaning is clear", "[fix]") {
  const std::string in =
      "WEBVTT\n\n0:0:1.5 --> 0:0:2.5\nShort fields\n\n00:00:03,000 --> 00:00:04,000\nComma\n\n"
      "00:00:05.000->00:00:06.000\nShort arrow\n\n00:00:07.000 --> soon\nNot a time\n";
  const auto f = fix(in);
  CHECK(f.out ==
        "WEBVTT\n\n00:00:01.500 --> 00:00:02.500\nShort fields\n\n00:00:03.000 --> 00:00:04.000\nComma\n\n"
        "00:00:05.000 --> 00:00:06.000\nShort arrow\n\nNOTE not a cue (line 12)\n00:00:07.000 --&gt; soon\n"
        "Not a time\n");
  CHECK(summary(f.repairs) ==
        std::vector<std::string>{"E002@3 safe made", "E002@6 safe made", "E002@9 safe made", "E002@12 safe made"});
  CHECK(f.repairs[0].what.message ==
        "timing line that W3C players drop, read as 00:00:01.500 --> 00:00:02.500: the cue is kept");
  // Without the option the parse stays the W3C algorithm's: none of these is a cue.
  CHECK(vttkit::parse(in).document.cues.empty());
  CHECK(vttkit::parse(in).document.blocks.empty());
}

TEST_CASE("fix recovers only what is unambiguous", "[fix]") {
  const auto f = fix("WEBVTT\n\n1:75.0 --> 1:76.0\nA\n\n00:01.0000 --> 00:02.000\nB\n\n0:1 -> 0:2 x\nC\n");
  CHECK(f.out ==
        "WEBVTT\n\nNOTE not a cue (line 3)\n1:75.0 --&gt; 1:76.0\nA\n\nNOTE not a cue (line 6)\n"
        "00:01.0000 --&gt; 00:02.000\nB\n\n00:00:01.000 --> 00:00:02.000\nC\n");
}

TEST_CASE("fix rewrites cue text the validator rejects, keeping what players show", "[fix]") {
  const std::string in =
      "WEBVTT\n\n00:01.000 --> 00:03.000\nTom & Jerry <3\n\n00:02.000 --> 00:03.000\n<blink>Hi</blink> <i>there\n\n"
      "00:03.000 --> 00:04.000\n<c.loud Ann>Hey</c> <v>No name</v> a</b>c\n\n"
      "00:04.000 --> 00:05.000\n&amp; &#x41; &nbsp\n\n"
      "00:05.000 --> 00:07.000\n<00:00:06.000>in <00:00:08.000>out <0:1>bad\n";
  auto f = fix(in);
  CHECK(f.out ==
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nTom &amp; Jerry <3\n\n00:00:02.000 --> 00:00:03.000\n"
        "Hi <i>there</i>\n\n00:00:03.000 --> 00:00:04.000\n<c.loud>Hey</c> No name ac\n\n"
        "00:00:04.000 --> 00:00:05.000\n&amp; A &nbsp;\n\n"
        "00:00:05.000 --> 00:00:07.000\n<00:00:06.000>in <00:00:08.000>out bad\n");
  CHECK(summary(f.repairs) == std::vector<std::string>{"W106@4 safe made", "W105@4 unsafe left", "W105@7 safe made",
                                                       "W105@7 safe made", "W105@10 safe made", "W105@10 safe made",
                                                       "W105@10 safe made", "W106@13 safe made", "W105@16 unsafe left",
                                                       "W105@16 safe made"});
  CHECK(f.repairs[4].what.column == 1);
  CHECK(f.repairs[5].what.column == 21);
  CHECK(f.repairs[6].what.column == 37);
  f = fix(in, unsafe());
  CHECK(f.out.find("Tom &amp; Jerry &lt;3\n") != std::string::npos);
  CHECK(f.out.find("<00:00:06.000>in out bad\n") != std::string::npos);
}

TEST_CASE("fix closes a voice span only when asked", "[fix]") {
  const std::string in = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>open <b>bold\n";
  CHECK(fix(in).out == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>open <b>bold</b>\n");
  vttkit::fix_options o;
  o.close_voice = true;
  CHECK(fix(in, o).out == "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>open <b>bold</b></v>\n");
}

TEST_CASE("fix repairs times, order, duplicates and ids", "[fix]") {
  const std::string in =
      "WEBVTT\n\n1\n00:05.000 --> 00:06.000\nB\n\n1\n00:01.000 --> 00:02.000\nA\n\n"
      "00:04.000 --> 00:03.000\nswapped\n\n00:07.000 --> 00:07.000\nzero\n\n"
      "00:08.000 --> 00:09.000\ndup\n\n00:08.000 --> 00:09.000\ndup\n\nintro\n00:10.000 --> 00:11.000\nX\n\n"
      "intro\n00:11.000 --> 00:12.000\nY\n";
  auto f = fix(in);
  CHECK(f.out ==
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA\n\n00:00:04.000 --> 00:00:03.000\nswapped\n\n"
        "2\n00:00:05.000 --> 00:00:06.000\nB\n\n00:00:07.000 --> 00:00:07.000\nzero\n\n"
        "00:00:08.000 --> 00:00:09.000\ndup\n\n00:00:08.000 --> 00:00:09.000\ndup\n\n"
        "intro\n00:00:10.000 --> 00:00:11.000\nX\n\n00:00:11.000 --> 00:00:12.000\nY\n");
  // In the order found: the ids once the cues are in order.
  CHECK(summary(f.repairs) == std::vector<std::string>{"W101@8 safe made", "E003@11 unsafe left", "W101@11 safe made",
                                                       "E003@14 unsafe left", "W107@3 safe made", "W107@20 unsafe left",
                                                       "W107@27 safe made"});
  f = fix(in, unsafe());
  CHECK(f.out ==
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA\n\n00:00:03.000 --> 00:00:04.000\nswapped\n\n"
        "2\n00:00:05.000 --> 00:00:06.000\nB\n\n"
        "NOTE cue without duration (line 14), removed:\n00:00:07.000 --&gt; 00:00:07.000\nzero\n\n"
        "00:00:08.000 --> 00:00:09.000\ndup\n\n"
        "intro\n00:00:10.000 --> 00:00:11.000\nX\n\n00:00:11.000 --> 00:00:12.000\nY\n");
}

TEST_CASE("fix --overlap trims or shifts overlapping cues", "[fix]") {
  const std::string in = "WEBVTT\n\n00:01.000 --> 00:03.000\nx\n\n00:02.000 --> 00:04.000\ny <00:03.500>z\n";
  auto o = unsafe();
  CHECK(fix(in, o).out ==
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nx\n\n00:00:02.000 --> 00:00:04.000\ny <00:03.500>z\n");
  o.overlap = vttkit::overlap_policy::trim;
  CHECK(fix(in, o).out ==
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nx\n\n00:00:02.000 --> 00:00:04.000\ny <00:03.500>z\n");
  o.overlap = vttkit::overlap_policy::shift;
  CHECK(fix(in, o).out ==
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nx\n\n00:00:03.000 --> 00:00:05.000\ny <00:00:04.500>z\n");
  o.unsafe = false;
  const auto f = fix(in, o);
  CHECK(f.out == "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nx\n\n00:00:02.000 --> 00:00:04.000\ny <00:03.500>z\n");
  CHECK(summary(f.repairs) == std::vector<std::string>{"W102@6 unsafe left"});
}

TEST_CASE("fix moves header lines into a NOTE but keeps X-TIMESTAMP-MAP", "[fix]") {
  const auto f = fix(
      "WEBVTT\nKind: captions\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\nLanguage: en\n\n"
      "00:01.000 --> 00:02.000\nHi\n\nSTYLE\n::cue { color: red }\n");
  CHECK(f.out ==
        "WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:900000,LOCAL:00:00:00.000\n\nNOTE header lines\nKind: captions\n"
        "Language: en\n\n00:00:01.000 --> 00:00:02.000\nHi\n\nNOTE not a cue (line 9)\nSTYLE\n::cue { color: red }\n");
  CHECK(summary(f.repairs) == std::vector<std::string>{"W110@2 safe made", "E002@9 safe made"});  // as lint names it
}

TEST_CASE("fix splits a NOTE from the timing line right after it", "[fix]") {
  // The W3C algorithm reads "NOTE hi" as the cue's id; other readers take a comment.
  const auto f = fix("WEBVTT\n\nNOTE hi\n00:01.000 --> 00:02.000\nA\n\nSTYLE\n00:03.000 --> 00:04.000\nB\n");
  CHECK(f.out ==
        "WEBVTT\n\nNOTE hi\n\n00:00:01.000 --> 00:00:02.000\nA\n\nNOTE cue id: STYLE\n\n"
        "00:00:03.000 --> 00:00:04.000\nB\n");
  CHECK(summary(f.repairs) == std::vector<std::string>{"E004@3 safe made", "E004@7 safe made"});
}

TEST_CASE("fix sorts within its window and says when a cue is too far back", "[fix]") {
  const std::string in =
      "WEBVTT\n\n00:03.000 --> 00:03.500\nc\n\n00:04.000 --> 00:04.500\nd\n\n00:05.000 --> 00:05.500\ne\n\n"
      "00:01.000 --> 00:01.500\na\n";
  CHECK(fix(in).out ==
        "WEBVTT\n\n00:00:01.000 --> 00:00:01.500\na\n\n00:00:03.000 --> 00:00:03.500\nc\n\n"
        "00:00:04.000 --> 00:00:04.500\nd\n\n00:00:05.000 --> 00:00:05.500\ne\n");
  vttkit::fix_options o;
  o.sort_cues = 2;
  const auto f = fix(in, o);
  CHECK(f.out ==
        "WEBVTT\n\n00:00:03.000 --> 00:00:03.500\nc\n\n00:00:01.000 --> 00:00:01.500\na\n\n"
        "00:00:04.000 --> 00:00:04.500\nd\n\n00:00:05.000 --> 00:00:05.500\ne\n");
  CHECK(summary(f.repairs) == std::vector<std::string>{"W101@12 safe left"});
}

TEST_CASE("fix refuses input without a signature", "[fix]") {
  const auto f = fix("1\n00:00:01,000 --> 00:00:02,000\nSubRip\n");
  CHECK_FALSE(f.signature);
  CHECK(f.out.empty());
}

namespace {

/// A hostile WebVTT file: fragments of every kind the fixer repairs, joined at random.
std::string hostile(std::mt19937& rng) {
  static const std::vector<std::string> timings = {"00:01.000 --> 00:02.000",
                                                   "0:0:3.5 --> 0:0:4",
                                                   "00:00:05,000 --> 00:00:06,000",
                                                   "00:07.000->00:08.000",
                                                   "00:09.000 --> 00:08.000",
                                                   "00:10.000 --> 00:10.000",
                                                   "00:00.500 --> 00:20.000 align:middle line:0",
                                                   "00:03.000 --> nope",
                                                   "1:02:03.004-->1:02:04.000",
                                                   "00:02.000 --> 00:03.000 region:x"};
  static const std::vector<std::string> texts = {"plain",
                                                 "a & b",
                                                 "<i>open",
                                                 "</b>stray",
                                                 "<v>x</v>",
                                                 "<v Ann>voice",
                                                 "<c.x y>z</c>",
                                                 "<blink>b</blink>",
                                                 "<00:00:01.500>t <00:00:30.000>u",
                                                 "1 < 2",
                                                 "&nbsp &amp; &#x41; &bogus;",
                                                 "<ruby>r<rt>t</ruby>",
                                                 "<v A><v B>nested",
                                                 "<rt>lost",
                                                 "<",
                                                 "x --> y"};
  static const std::vector<std::string> others = {"NOTE a note", "STYLE\n::cue {}", "id only", "dup-id", "7"};
  std::string s = rng() % 5 == 0 ? "WEBVTT\nKind: captions\n" : "WEBVTT\n";
  const auto blocks = 1 + rng() % 8;
  for (std::size_t b = 0; b < blocks; ++b) {
    s += rng() % 4 == 0 ? "" : "\n";  // now and then a missing blank line
    if (rng() % 5 == 0) {
      s += others[rng() % others.size()] + "\n";
      continue;
    }
    if (rng() % 3 == 0) s += others[3 + rng() % 2] + "\n";
    s += timings[rng() % timings.size()] + "\n";
    for (auto lines = rng() % 3; lines > 0; --lines) s += texts[rng() % texts.size()] + "\n";
  }
  return s;
}

}  // namespace

TEST_CASE("fix is idempotent: fixing fixed output changes nothing", "[fix]") {
  std::mt19937 rng{20261203};
  for (int i = 0; i < 400; ++i) {
    const auto in = hostile(rng);
    for (bool risky : {false, true}) {
      vttkit::fix_options o;
      o.unsafe = risky;
      o.close_voice = i % 2 == 0;
      o.overlap = static_cast<vttkit::overlap_policy>(i % 3);
      const auto once = fix(in, o);
      const auto twice = fix(once.out, o);
      INFO(in);
      CHECK(twice.out == once.out);
      // What a fix leaves is only what it may not do without --unsafe-fixes.
      for (const auto& r : twice.repairs) CHECK((!r.applied || r.what.rule == vttkit::rule::start_backwards));
    }
  }
}

TEST_CASE("unified_diff writes diff -u hunks", "[fix][diff]") {
  CHECK(vttkit::unified_diff("a\nb\n", "a\nb\n", "x", "y").empty());
  CHECK(vttkit::unified_diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n", "old", "new") ==
        "--- old\n+++ new\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  CHECK(vttkit::unified_diff("a\n", "a\nb", "old", "new") ==
        "--- old\n+++ new\n@@ -1,1 +1,2 @@\n a\n+b\n\\ No newline at end of file\n");
  CHECK(vttkit::unified_diff("a\nb\nc\n", "c\n", "old", "new") == "--- old\n+++ new\n@@ -1,3 +1,1 @@\n-a\n-b\n c\n");
  // Beyond the edit bound: the middle replaced as a whole, still a correct diff.
  CHECK(vttkit::unified_diff("a\nb\nc\n", "x\ny\nc\n", "old", "new", 1) ==
        "--- old\n+++ new\n@@ -1,3 +1,3 @@\n-a\n-b\n+x\n+y\n c\n");
}

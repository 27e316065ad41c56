// SubRip in and out: where entries end, timing forms, indices, markup, override tags, the
// writer's blank lines and positions, and the round trip through WebVTT.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/write.hpp>

#include "trickle_source.hpp"

namespace {

using vttkit::rule;

vttkit::parse_result read_srt(const std::string& input) {
  vttkit::parse_options o;
  o.format = vttkit::input_format::srt;
  return vttkit::parse(input, o);
}

/// The payloads of the cues of `input` read as SubRip.
std::vector<std::string> payloads(const std::string& input) {
  std::vector<std::string> out;
  for (const auto& c : read_srt(input).document.cues) out.push_back(c.payload);
  return out;
}

/// "line:col" of each diagnostic of `which`.
std::vector<std::string> where(const vttkit::parse_result& r, rule which) {
  std::vector<std::string> out;
  for (const auto& d : r.diagnostics)
    if (d.rule == which) out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column));
  return out;
}

std::string to_srt(const std::string& vtt) {
  return vttkit::write_document(vttkit::parse(vtt).document, {vttkit::output_format::srt});
}

const std::string t1 = "00:00:01,000 --> 00:00:02,000\n";
const std::string t2 = "00:00:03,000 --> 00:00:04,000\n";

}  // namespace

TEST_CASE("SubRip: a line of spaces before text is text", "[srt][read]") {
  CHECK(payloads("1\n" + t1 + " \nhello world\n") == std::vector<std::string>{" \nhello world"});
  CHECK(payloads("1\n" + t1 + "\t \nhello\n\n2\n" + t2 + "two\n") == std::vector<std::string>{"\t \nhello", "two"});
  // At the end of an entry it is not: a new entry or the end of the input follows.
  CHECK(payloads("1\n" + t1 + "hello\n \n\n2\n" + t2 + "two\n \n") == std::vector<std::string>{"hello", "two"});
  CHECK(read_srt("1\n" + t1 + " \nhello world\n").diagnostics.empty());
}

TEST_CASE("SubRip: a blank line ends an entry only before a new entry or the end", "[srt][read]") {
  // An empty line followed by text is left out (as ffmpeg does); the text stays in the entry.
  CHECK(payloads("1\n" + t1 + "line one\n\nstill one\n\n\n2\n" + t2 + "two\n") ==
        std::vector<std::string>{"line one\nstill one", "two"});
  // A missing blank line between entries: the timing line starts the next one.
  CHECK(payloads("1\n" + t1 + "one\n2\n" + t2 + "two\n") == std::vector<std::string>{"one", "two"});
  CHECK(payloads("1\n" + t1 + "one\n" + t2 + "two\n") == std::vector<std::string>{"one", "two"});
  // Blank lines between the index and the timing line.
  CHECK(payloads("1\n\n" + t1 + "one\n\n2\n\n" + t2 + "two\n") == std::vector<std::string>{"one", "two"});
  // A number line is text unless a timing line follows it; at the end of the input too.
  CHECK(payloads("1\n" + t1 + "Chapter\n2\n\n3\n" + t2 + "x\n\n7\n") == std::vector<std::string>{"Chapter\n2", "x\n7"});
  CHECK(read_srt("1\n" + t1 + "Chapter\n2\n\n3\n" + t2 + "x\n\n7\n").diagnostics.empty());
  // An entry without a timing line joins the one before (index included), as in ffmpeg, and
  // is reported at its number line.
  CHECK(payloads("1\n" + t1 + "one\n\n2\nlost timing\n\n3\n" + t2 + "three\n") ==
        std::vector<std::string>{"one\n2\nlost timing", "three"});
  CHECK(where(read_srt("1\n" + t1 + "one\n\n2\nlost timing\n\n3\n" + t2 + "three\n"), rule::invalid_timestamp) ==
        std::vector<std::string>{"5:1"});
}

TEST_CASE("SubRip: a stray CR never ends an entry", "[srt][read]") {
  // A lone CR inside an LF file: a line break, as in ffmpeg.
  CHECK(payloads("1\n" + t1 + "hello\rworld\n\n2\n" + t2 + "two\n") == std::vector<std::string>{"hello\nworld", "two"});
  CHECK(payloads("1\n" + t1 + "five\n\rsix\n\n2\n" + t2 + "two\n") == std::vector<std::string>{"five\nsix", "two"});
  // Lines ended CR CR LF (CRLF written again through a text-mode stream).
  const std::string crcrlf =
      "1\r\r\n00:00:01,000 --> 00:00:02,000\r\r\nthree\r\r\nfour\r\r\n\r\r\n2\r\r\n00:00:03,000 --> "
      "00:00:04,000\r\r\nfive\r\r\n";
  const auto r = read_srt(crcrlf);
  REQUIRE(r.document.cues.size() == 2);
  CHECK(r.document.cues[0].payload == "three\nfour");
  CHECK(r.document.cues[0].id == "1");
  CHECK(r.document.cues[1].payload == "five");
  CHECK(r.document.cues[1].id == "2");
  CHECK(r.diagnostics.empty());
}

TEST_CASE("SubRip: timing forms", "[srt][read][timing]") {
  auto times = [](const std::string& timing) {
    const auto r = read_srt("1\n" + timing + "\nx\n");
    return r.document.cues.empty() ? std::vector<vttkit::millis>{}
                                   : std::vector<vttkit::millis>{r.document.cues[0].start, r.document.cues[0].end};
  };
  using ms = std::vector<vttkit::millis>;
  CHECK(times("00:00:01,000 --> 00:00:02,500") == ms{1000, 2500});
  CHECK(times("0:00:01.5 --> 100:00:02,25") == ms{1500, 360002250});
  CHECK(times("00:01,234 --> 01:05,000") == ms{1234, 65000});           // no hours: MM:SS,mmm
  CHECK(times("00:00:02 --> 00:00:03") == ms{2000, 3000});              // no milliseconds
  CHECK(times("00:00:013,567 --> 00:00:014,901") == ms{13567, 14901});  // a leading zero too many
  CHECK(times("00:00:01,000 --> 00:00:02,000  X1:10 X2:20 Y1:5 Y2:9") == ms{1000, 2000});
  CHECK(times("00:60,000 --> 01:00,000").empty());  // seconds over 59
  CHECK(times("00:00:01,0000 --> 00:00:02,000").empty());
  CHECK(times("00:00:01,000 --> 00:00:02,000;5").empty());
  CHECK(times("-0:00:04,567 --> -0:00:03,456").empty());
  CHECK(times("             --> 02:00:10,901").empty());
}

TEST_CASE("SubRip: a bad timing line drops its entry only", "[srt][read]") {
  const auto r = read_srt("1\n" + t1 + "one\n\n2\n00:00:02,000 --> 00:00:xx\nlost\n\n3\n" + t2 + "three\n");
  REQUIRE(r.document.cues.size() == 2);
  CHECK(r.document.cues[0].payload == "one");
  CHECK(r.document.cues[1].payload == "three");
  CHECK(where(r, rule::invalid_timestamp) == std::vector<std::string>{"6:1"});
  // Right after text (no blank line before it or its number line) such a line is text.
  const auto text = read_srt("1\n" + t1 + "x\n1\n00:00:01,000 --> 00:00:xx\n");
  CHECK(text.diagnostics.empty());
  REQUIRE(text.document.cues.size() == 1);
  CHECK(text.document.cues[0].text == "x\n1\n00:00:01,000 --> 00:00:xx");
  CHECK(where(read_srt("1\n" + t1 + "x\n\n1\n\n00:00:01,000 --> 00:00:xx\n"), rule::invalid_timestamp) ==
        std::vector<std::string>{"7:1"});
  // Lines before the first entry are dropped, once reported.
  const auto title = read_srt("My film\nby me\n\n1\n" + t1 + "one\n");
  CHECK(title.document.cues.size() == 1);
  CHECK(where(title, rule::invalid_timestamp) == std::vector<std::string>{"1:1"});
}

TEST_CASE("SubRip: indices become cue ids", "[srt][read]") {
  const auto r = read_srt("\n 7 \n" + t1 + "one\n\n" + t2 + "no index\n\n0012\n" + t2 + "x\n");
  REQUIRE(r.document.cues.size() == 3);
  CHECK(r.document.cues[0].id == "7");
  CHECK(r.document.cues[0].id_line == 2);
  CHECK(r.document.cues[0].line == 3);
  CHECK(r.document.cues[1].id.empty());
  CHECK(r.document.cues[1].id_line == 0);
  CHECK(r.document.cues[2].id == "0012");
}

TEST_CASE("SubRip: markup kept, dropped or shown", "[srt][read][markup]") {
  const auto r = read_srt("1\n" + t1 + "<s>gone</s> <S>x</S> <u>u</u> <font color=\"red\">red</font> <c>t</c> a<b\n");
  REQUIRE(r.document.cues.size() == 1);
  CHECK(r.document.cues[0].payload == "gone x <u>u</u> red &lt;c&gt;t&lt;/c&gt; a&lt;b");
  CHECK(r.document.cues[0].text == "gone x u red <c>t</c> a<b");
  // A line of dropped tags only is left out.
  CHECK(payloads("1\n" + t1 + "one\n<s></s>{\\an8}\ntwo\n") == std::vector<std::string>{"one\ntwo"});
}

TEST_CASE("SubRip: {\\anN} becomes the cue's position", "[srt][read][override]") {
  const std::vector<std::vector<vttkit::cue_setting>> want{
      {{"align", "left"}},
      {},
      {{"align", "right"}},
      {{"line", "50%,center"}, {"align", "left"}},
      {{"line", "50%,center"}},
      {{"line", "50%,center"}, {"align", "right"}},
      {{"line", "0"}, {"align", "left"}},
      {{"line", "0"}},
      {{"line", "0"}, {"align", "right"}},
  };
  for (int an = 1; an <= 9; ++an) {
    INFO(an);
    const auto r = read_srt("1\n" + t1 + "{\\an" + std::to_string(an) + "}text\n");
    REQUIRE(r.document.cues.size() == 1);
    CHECK(r.document.cues[0].settings == want[an - 1]);
    CHECK(r.document.cues[0].payload == "text");
    CHECK(r.diagnostics.empty());
  }
  // The first \an of the entry counts; `{ \an8}` is text, and so is a block never closed.
  const auto r = read_srt("1\n" + t1 + "a {\\an7}b\nc{\\an3}\n\n2\n" + t2 + "{ \\an8}x {\\an8\n");
  REQUIRE(r.document.cues.size() == 2);
  CHECK(r.document.cues[0].settings == want[6]);
  CHECK(r.document.cues[0].payload == "a b\nc");
  CHECK(r.document.cues[1].settings.empty());
  CHECK(r.document.cues[1].text == "{ \\an8}x {\\an8");
}

TEST_CASE("SubRip: other override tags are removed, with one W109 per file", "[srt][read][override]") {
  const auto r = read_srt("1\n" + t1 + "\xC3\xA9t\xC3\xA9 {\\an8\\i1}x{\\pos(1,2)}\n\n2\n" + t2 + "{\\b1}y\n");
  REQUIRE(r.document.cues.size() == 2);
  CHECK(r.document.cues[0].payload == "\xC3\xA9t\xC3\xA9 x");
  CHECK(r.document.cues[0].settings == std::vector<vttkit::cue_setting>{{"line", "0"}});
  CHECK(r.document.cues[1].payload == "y");
  REQUIRE(where(r, rule::override_tag) == std::vector<std::string>{"3:5"});  // columns in code points
  CHECK(r.diagnostics[0].message ==
        "SubRip override tag {\\an8\\i1} removed (WebVTT has none; reported once per file)");
  CHECK(vttkit::info(rule::override_tag).severity == vttkit::severity::warning);
  // Warnings off: not reported, the tags still removed.
  vttkit::parse_options quiet;
  quiet.format = vttkit::input_format::srt;
  quiet.warnings = false;
  const auto q = vttkit::parse("1\n" + t1 + "{\\i1}x\n", quiet);
  CHECK(q.diagnostics.empty());
  CHECK(q.document.cues[0].payload == "x");
}

TEST_CASE("SubRip: no entry in a non-blank input is E001", "[srt][read]") {
  const auto text = read_srt("just some notes\nabout a film\n");
  CHECK(!text.has_signature);
  CHECK(text.document.cues.empty());
  CHECK(where(text, rule::missing_signature) == std::vector<std::string>{"1:1"});
  const auto broken = read_srt("1\n00:00:01 -> 00:00:02\nx\n");
  CHECK(!broken.has_signature);
  CHECK(where(broken, rule::invalid_timestamp) == std::vector<std::string>{"2:1"});
  CHECK(where(broken, rule::missing_signature) == std::vector<std::string>{"1:1"});
  for (const std::string blank : {"", "\n\n", " \r\n\t\n"}) {
    const auto r = read_srt(blank);
    CHECK(r.has_signature);
    CHECK(r.diagnostics.empty());
  }
  // An entry with no text is an entry.
  CHECK(read_srt("1\n" + t1).has_signature);
  CHECK(read_srt("1\n" + t1).document.cues.size() == 1);
}

TEST_CASE("SubRip: the streaming reader gives what the whole parse gives", "[srt][read][stream]") {
  std::string input;
  for (int i = 1; i <= 300; ++i) {
    input += std::to_string(i) + "\r\n" + t1 + (i % 3 == 0 ? " \n" : "") + "line " + std::to_string(i) + "\n";
    input += i % 5 == 0 ? "\n\nmore\n\n" : "\n";
  }
  const auto whole = read_srt(input);
  vtt_test::trickle_source src{input, 7};
  vttkit::parse_options o;
  o.format = vttkit::input_format::srt;
  const auto pieces = vttkit::parse(src, o);
  CHECK(pieces.document == whole.document);
  CHECK(whole.document.cues.size() == 300);
  CHECK(whole.document.cues[4].payload == "line 5\nmore");
  CHECK(whole.document.cues[2].payload == " \nline 3");
}

TEST_CASE("srt output leaves out lines of blanks", "[srt][write]") {
  CHECK(to_srt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n \nhello world\n") ==
        "1\n00:00:01,000 --> 00:00:02,000\nhello world\n");
  CHECK(to_srt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann> \nhello\n\t\nworld \n") ==
        "1\n00:00:01,000 --> 00:00:02,000\nAnn: hello\nworld \n");
  // A line of tags only is empty once reduced.
  CHECK(to_srt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<c></c>\n<i>x</i>\n") ==
        "1\n00:00:01,000 --> 00:00:02,000\n<i>x</i>\n");
  CHECK(to_srt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n  \n\n00:00:03.000 --> 00:00:04.000\nb\n") ==
        "1\n00:00:01,000 --> 00:00:02,000\n\n\n2\n00:00:03,000 --> 00:00:04,000\nb\n");
}

TEST_CASE("srt output writes the nine positions back as {\\anN}", "[srt][write]") {
  std::string srt;
  for (int an = 1; an <= 9; ++an) {
    srt += std::to_string(an) + "\n00:00:0" + std::to_string(an) + ",000 --> 00:00:0" + std::to_string(an) +
           ",500\n{\\an" + std::to_string(an) + "}Text " + std::to_string(an) + "\n\n";
  }
  const auto doc = read_srt(srt).document;
  const auto back = vttkit::write_document(doc, {vttkit::output_format::srt});
  std::string want = srt;
  want.replace(want.find("{\\an2}"), 6, "");  // bottom centre is the default
  CHECK(back + "\n" == want);
  // Through WebVTT text too.
  const auto vtt = vttkit::write_document(doc, {vttkit::output_format::vtt});
  CHECK(vtt.find("00:00:08.000 --> 00:00:08.500 line:0\nText 8") != std::string::npos);
  CHECK(to_srt(vtt) + "\n" == want);
  // Settings that are not one of the nine positions give no tag.
  CHECK(to_srt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:start position:0%\nx\n") ==
        "1\n00:00:01,000 --> 00:00:02,000\nx\n");
  CHECK(to_srt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000 line:0 align:center\nx\n") ==
        "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}x\n");
  CHECK(to_srt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000 line:-1\nx\n") == "1\n00:00:01,000 --> 00:00:02,000\nx\n");
}

TEST_CASE("vtt to srt to vtt keeps every cue, its times and its words", "[srt][roundtrip]") {
  const std::string vtt =
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n \nhello world\n\n"
      "00:00:02.000 --> 00:00:03.000 align:start position:0%\nhello world<00:00:02.500><c> again</c>\n\n"
      "7\n00:00:03.000 --> 00:00:04.000\n<v Bo>1\n\n"
      "00:00:04.000 --> 00:00:05.000\n  \n\n"
      "00:00:05.000 --> 00:00:06.000\n<i>last</i> &amp; 2\n";
  const auto first = vttkit::parse(vtt).document;
  const auto srt = vttkit::write_document(first, {vttkit::output_format::srt, vttkit::speaker_labels::none});
  const auto again = read_srt(srt);
  CHECK(again.diagnostics.empty());
  REQUIRE(again.document.cues.size() == first.cues.size());
  auto words = [](const std::string& text) {
    std::vector<std::string> out;
    std::string w;
    for (char c : text + " ") {
      if (c == ' ' || c == '\n' || c == '\t') {
        if (!w.empty()) out.push_back(w);
        w.clear();
      } else {
        w += c;
      }
    }
    return out;
  };
  for (std::size_t i = 0; i < first.cues.size(); ++i) {
    INFO(i);
    CHECK(again.document.cues[i].start == first.cues[i].start);
    CHECK(again.document.cues[i].end == first.cues[i].end);
    CHECK(words(again.document.cues[i].text) == words(first.cues[i].text));
    CHECK(again.document.cues[i].id == std::to_string(i + 1));
  }
}

// The parser, stage by stage: lines, the header, blocks, timings, settings, diagnostics, SubRip.
#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <vttkit/parse.hpp>

#include "linear_time.hpp"
#include "trickle_source.hpp"
#include <vttkit/timestamp.hpp>

#include "io/line_reader.hpp"
#include "text/utf8.hpp"

namespace {

using vtt_test::trickle_source;

using vttkit::diagnostic;
using vttkit::parse;
using vttkit::rule;

std::vector<diagnostic> of_rule(const vttkit::parse_result& r, rule which) {
  std::vector<diagnostic> out;
  for (const auto& d : r.diagnostics)
    if (d.rule == which) out.push_back(d);
  return out;
}

}  // namespace

TEST_CASE("collect_timestamp follows the W3C algorithm", "[parse][timestamp]") {
  auto ms = [](std::string_view s) {
    const auto t = vttkit::collect_timestamp(s);
    return t.ok ? t.value : -1;
  };
  CHECK(ms("00:01.500") == 1500);
  CHECK(ms("01:02:03.004") == 3723004);
  CHECK(ms("0:00:02.720") == 2720);                   // one-digit hours
  CHECK(ms("100:00:00.000") == 360000000);            // three-digit hours
  CHECK(ms("00:60.000") == -1);                       // seconds > 59
  CHECK(ms("00:01.50") == -1);                        // two fraction digits
  CHECK(ms("00:01,500") == -1);                       // comma is SubRip, not WebVTT
  CHECK(ms("1:02.000") == -1);                        // one digit means hours, so seconds are missing
  CHECK(ms("99999999999999999999:00:00.000") == -1);  // too large for 64-bit milliseconds
  CHECK(vttkit::collect_timestamp("0:00:01.000").hour_digits == 1);
  CHECK(vttkit::collect_timestamp("00:01.000").hour_digits == 0);
}

TEST_CASE("parse_duration reads seconds, a unit or a timestamp", "[parse][timestamp]") {
  auto ms = [](std::string_view s) { return vttkit::parse_duration(s).value_or(-999999); };
  CHECK(ms("1.5") == 1500);
  CHECK(ms("1.5s") == 1500);
  CHECK(ms("1500ms") == 1500);
  CHECK(ms("00:01.500") == 1500);
  CHECK(ms("1:02:03.250") == 3723250);
  CHECK(ms("0") == 0);
  CHECK(ms("2") == 2000);
  CHECK(ms(".25") == 250);
  CHECK(ms("3.") == 3000);
  CHECK(ms("0.0005") == 1);  // rounded half up to the millisecond
  CHECK(ms("0.00049") == 0);
  CHECK(ms("2.5ms") == 3);
  CHECK(ms("-0.5") == -500);  // signed, for offsets
  CHECK(ms("+1s") == 1000);
  CHECK(ms("-00:01.000") == -1000);
  // Timestamps as people write them: milliseconds left out or shortened.
  CHECK(ms("00:00:05") == 5000);
  CHECK(ms("00:05") == 5000);
  CHECK(ms("00:05.5") == 5500);
  CHECK(ms("1:00:00.25") == 3600250);
  CHECK(ms("5:00") == 300000);  // one-digit minutes, as ffmpeg writes them
  CHECK(ms("-5:00.5") == -300500);
  for (const char* bad : {"", "x", "1x", "s", "ms", ".", "1.5.2", "1 s", " 1", "1e3", "--1", "0:5", "00:01.5000",
                          "00:61", "1,5", "99999999999999999"})
    CHECK_FALSE(vttkit::parse_duration(bad).has_value());
}

TEST_CASE("60:00.000 is an hours field without seconds and fails", "[parse][timestamp]") {
  // "60" is two digits but greater than 59, so it is hours and a third field is required.
  CHECK_FALSE(vttkit::collect_timestamp("60:00.000").ok);
}

TEST_CASE("timestamps are written with two-digit hours", "[parse][timestamp]") {
  CHECK(vttkit::format_timestamp(2720) == "00:00:02.720");
  CHECK(vttkit::format_timestamp(3723004, vttkit::timestamp_style::srt) == "01:02:03,004");
  CHECK(vttkit::format_timestamp(360000000) == "100:00:00.000");
  CHECK(vttkit::format_timestamp(-5) == "00:00:00.000");
}

TEST_CASE("the signature decides whether there are cues", "[parse][header]") {
  const std::string cue = "\n\n00:01.000 --> 00:02.000\nx\n";
  CHECK(parse("WEBVTT" + cue).document.cues.size() == 1);
  CHECK(parse("WEBVTT title" + cue).document.cues.size() == 1);
  CHECK(parse("WEBVTT\ttitle" + cue).document.cues.size() == 1);
  CHECK(parse("\xEF\xBB\xBFWEBVTT" + cue).document.cues.size() == 1);  // BOM
  for (std::string bad : {"WEBVTTX", "webvtt", " WEBVTT", "WEBVT", ""}) {
    INFO(bad);
    const auto r = parse(bad + cue);
    CHECK(r.document.cues.empty());
    CHECK_FALSE(r.has_signature);
    REQUIRE(of_rule(r, rule::missing_signature).size() == 1);
    CHECK(of_rule(r, rule::missing_signature)[0].line == 1);
  }
}

TEST_CASE("E001 says what the first line looks like instead", "[parse][header]") {
  vttkit::parse_options vtt;
  vtt.format = vttkit::input_format::vtt;
  auto message = [&](std::string_view bytes) {
    const auto r = parse(bytes, vtt);
    const auto found = of_rule(r, rule::missing_signature);
    return found.size() == 1 ? found[0].message : std::string("(not one E001)");
  };
  const std::string plain = "no WEBVTT signature on the first line: the file has no cues";
  CHECK(message("1\n00:00:01,000 --> 00:00:02,000\nhi\n") ==
        plain + " (it starts like SubRip: vtt convert --from srt reads it; lint and fmt take WebVTT)");
  CHECK(message(std::string("W\0E\0B\0", 6)) ==
        plain + " (it looks like UTF-16LE without a byte order mark: read it with --encoding utf-16le)");
  CHECK(message(std::string("\0W\0E\0B", 6)).ends_with("read it with --encoding utf-16be)"));
  CHECK(message(std::string("\xFF\xFEH\0i\0", 6)) == plain);  // UTF-16 with a byte order mark is read as such
  CHECK(message("Hello\n") == plain);
  CHECK(message("12a\n") == plain);
  CHECK(message("") == "empty input: no WEBVTT signature, so no cues");
}

TEST_CASE("the title is the header text without a leading dash", "[parse][header]") {
  CHECK(parse("WEBVTT - My Show\n").document.header.title == "My Show");
  CHECK(parse("WEBVTT My Show  \n").document.header.title == "My Show");
  CHECK_FALSE(parse("WEBVTT\n").document.header.title.has_value());
  CHECK_FALSE(parse("WEBVTT -\n").document.header.title.has_value());
  const auto r = parse("WEBVTT - T\nKind: captions\nLanguage: en\n\n00:01.000 --> 00:02.000\nx\n");
  CHECK(r.document.header.text == "Kind: captions\nLanguage: en");
  CHECK(r.document.header.signature_text == " - T");
  CHECK(r.document.cues.size() == 1);
}

TEST_CASE("CR, LF and CRLF all end lines, across any read boundary", "[parse][lines]") {
  const std::string lf = "WEBVTT\n\n1\n00:01.000 --> 00:02.000\nline one\nline two\n\n00:03.000 --> 00:04.000\nthree\n";
  std::string crlf, cr;
  for (char c : lf) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  for (const std::string& input : {lf, crlf, cr}) {
    for (std::size_t step : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{4096}}) {
      trickle_source src{input, step};
      const auto r = parse(src);
      INFO("step " << step);
      REQUIRE(r.document.cues.size() == 2);
      CHECK(r.document.cues[0].id == "1");
      CHECK(r.document.cues[0].payload == "line one\nline two");
      CHECK(r.document.cues[1].payload == "three");
      CHECK(r.document.cues[1].line == 8);
    }
  }
}

TEST_CASE("a line longer than many reads is scanned once: time grows linearly", "[parse][lines]") {
  // A pipe hands out 64 KiB a read; a line of N bytes must not be scanned N / 64 KiB times.
  const auto read_long_line = [](std::size_t n) {
    std::string input(n, 'x');
    input[n / 2] = '-';      // a dash in the middle and an invalid byte later: both must be seen
    input[n - 10] = '\x81';  // across the reads (not UTF-8, not Windows-1252: U+FFFD)
    input += "\r\nnext\n";
    trickle_source src{input, std::size_t{1} << 16};
    vttkit::detail::line_reader lines{src, nullptr};
    std::string_view line;
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(lines.next(line));
    const auto took = std::chrono::steady_clock::now() - started;
    CHECK(line.size() == n + 2);  // U+FFFD is three bytes for the one invalid byte
    CHECK(lines.line_has_dash());
    CHECK(line.substr(n - 10, 3) == "\xEF\xBF\xBD");
    REQUIRE(lines.next(line));
    CHECK(line == "next");
    return std::chrono::duration<double>(took).count();
  };
  // The fastest of three runs for N and 2N (below the 4 MiB a line may have): linear gives a
  // ratio of about 2, a rescan after every read about 4.
  double small = 1e9, large = 1e9;
  for (int run = 0; run < 3; ++run) {
    small = std::min(small, read_long_line(std::size_t{3} << 19));
    large = std::min(large, read_long_line(std::size_t{3} << 20));
  }
  INFO("4 MiB: " << small << " s, 8 MiB: " << large << " s");
  CHECK(large < 3 * small + 0.05);
}

TEST_CASE("cue ids, timings and payloads", "[parse][cue]") {
  const auto r = parse("WEBVTT\n\nintro\n00:00:01.000 --> 00:00:02.500\n<v Ann>Hello <b>there</b>\n");
  REQUIRE(r.document.cues.size() == 1);
  const auto& c = r.document.cues[0];
  CHECK(c.id == "intro");
  CHECK(c.id_line == 3);
  CHECK(c.line == 4);
  CHECK(c.start == 1000);
  CHECK(c.end == 2500);
  CHECK(c.payload == "<v Ann>Hello <b>there</b>");
  CHECK(c.speaker == "Ann");
  CHECK(c.text == "Hello there");
  CHECK(r.diagnostics.empty());
}

TEST_CASE("a line with --> ends the cue text and starts a new cue (E004)", "[parse][arrow]") {
  const auto r = parse("WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\n00:02.000 --> 00:03.000\nsecond\n");
  REQUIRE(r.document.cues.size() == 2);
  CHECK(r.document.cues[0].payload == "first");
  CHECK(r.document.cues[1].payload == "second");
  const auto e = of_rule(r, rule::arrow_in_text);
  REQUIRE(e.size() == 1);
  CHECK(e[0].line == 5);
  CHECK(e[0].column == 11);
}

TEST_CASE("E004 and E002 name a line of only white space as the cause", "[parse][arrow]") {
  // Line 5 looks blank but holds spaces, so "id2" is cue text and the timing line is E004.
  const auto r = parse("WEBVTT\n\n00:01.000 --> 00:02.000\none\n   \nid2\n00:03.000 --> 00:04.000\ntwo\n");
  const auto e = of_rule(r, rule::arrow_in_text);
  REQUIRE(e.size() == 1);
  CHECK(e[0].message ==
        "'-->' in cue text (missing blank line?; the line 2 lines above has only white space, which does not end a "
        "block): a new cue starts here");
  // A block that starts with such a line has no timing line of its own: E002.
  const auto d = parse("WEBVTT\n\n00:01.000 --> 00:02.000\none\n\n \t\nid2\n00:03.000 --> 00:04.000\ntwo\n");
  const auto e2 = of_rule(d, rule::invalid_timestamp);
  REQUIRE(e2.size() == 1);
  CHECK(e2[0].message ==
        "text without a timing line; this line has only white space, which does not end a block: the block is dropped");
  // Such a line at the end of a block that is dropped anyway is not its cause: nothing named.
  const auto tail = parse(
      "WEBVTT\n\n00:01.000 --> 00:02.000\n\nnot a timing line\n   \n\n00:03.000 --> 00:04.000\nx\n");
  CHECK(of_rule(tail, rule::invalid_timestamp).at(0).message == "text without a timing line: the block is dropped");
  // Without such a line the messages stay as they were.
  const auto plain = parse("WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\n00:02.000 --> 00:03.000\nsecond\n");
  CHECK(of_rule(plain, rule::arrow_in_text).at(0).message ==
        "'-->' in cue text (missing blank line?): a new cue starts here");
}

TEST_CASE("a timing line right after the header is E004 but still a cue", "[parse][arrow]") {
  const auto r = parse("WEBVTT\n00:01.000 --> 00:02.000\nx\n");
  CHECK(r.document.cues.size() == 1);
  REQUIRE(of_rule(r, rule::arrow_in_text).size() == 1);
  CHECK(of_rule(r, rule::arrow_in_text)[0].line == 2);
}

TEST_CASE("a timing line that does not parse drops its cue (E002)", "[parse][timing]") {
  const auto r = parse("WEBVTT\n\n00:01.000 --> 00:02\ndropped\n\n00:03.000 --> 00:04.000\nkept\n");
  REQUIRE(r.document.cues.size() == 1);
  CHECK(r.document.cues[0].payload == "kept");
  const auto e = of_rule(r, rule::invalid_timestamp);
  REQUIRE(e.size() == 1);
  CHECK(e[0].line == 3);
  CHECK(e[0].column == 15);
}

TEST_CASE("text outside any cue is reported when dropped, notes are kept", "[parse][blocks]") {
  const auto r = parse("WEBVTT\n\nNOTE kept\nsecond line\n\nstray words\n\n00:01.000 --> 00:02.000\nx\n");
  REQUIRE(r.document.blocks.size() == 1);
  CHECK(r.document.blocks[0].block.kind == vttkit::block_kind::note);
  CHECK(r.document.blocks[0].block.text == "NOTE kept\nsecond line");
  CHECK(r.document.blocks[0].before_cue == 0);
  REQUIRE(of_rule(r, rule::invalid_timestamp).size() == 1);
  CHECK(of_rule(r, rule::invalid_timestamp)[0].line == 6);
}

TEST_CASE("STYLE and REGION blocks count only before the first cue", "[parse][blocks]") {
  const auto r = parse(
      "WEBVTT\n\nSTYLE\n::cue { color: red }\n\nREGION\nid:r1 width:40%\n\n"
      "00:01.000 --> 00:02.000 region:r1\nx\n\nSTYLE\n::cue { color: blue }\n");
  REQUIRE(r.document.blocks.size() == 2);
  CHECK(r.document.blocks[0].block.kind == vttkit::block_kind::style);
  CHECK(r.document.blocks[0].block.text == "STYLE\n::cue { color: red }");
  CHECK(r.document.blocks[1].block.kind == vttkit::block_kind::region);
  REQUIRE(r.document.cues.size() == 1);
  REQUIRE(r.document.cues[0].settings.size() == 1);
  CHECK(r.document.cues[0].settings[0].value == "r1");
}

TEST_CASE("a region: naming no region takes back an earlier region: setting", "[parse][settings]") {
  // The algorithm: the cue's region is "the last region in regions whose identifier is value,
  // if any, or null otherwise", at each region: setting.
  const auto r = parse(
      "WEBVTT\n\nREGION\nid:a\n\n00:01.000 --> 00:02.000 region:a region:zz\nx\n\n"
      "00:02.000 --> 00:03.000 region:zz region:a\ny\n");
  REQUIRE(r.document.cues.size() == 2);
  CHECK(r.document.cues[0].settings.empty());
  REQUIRE(r.document.cues[1].settings.size() == 1);
  CHECK(r.document.cues[1].settings[0].value == "a");
  REQUIRE(of_rule(r, rule::bad_setting).size() == 2);
  CHECK(of_rule(r, rule::bad_setting)[0].message == "region not defined 'region:zz', ignored");
}

TEST_CASE("many regions and cues naming them: time grows linearly", "[parse][settings]") {
  vtt_test::check_linear(
      [](std::size_t n) {
        std::string input = "WEBVTT\n\n";
        for (std::size_t i = 0; i < n; ++i) input += "REGION\nid:r" + std::to_string(i) + "\n\n";
        for (std::size_t i = 0; i < n; ++i)
          input += "00:01.000 --> 00:02.000 region:r" + std::to_string(i * 7 % n) + "\nx\n\n";
        const auto r = parse(input);
        REQUIRE(r.document.cues.size() == n);
        CHECK(r.document.cues.back().settings.size() == 1);
      },
      20000);
}

TEST_CASE("a timing line with many bad settings: columns counted on, time grows linearly", "[parse][settings]") {
  vtt_test::check_linear(
      [](std::size_t n) {
        std::string input = "WEBVTT\n\n00:01.000 --> 00:02.000";
        for (std::size_t i = 0; i < n; ++i) input += " \u00e9:x";  // é: two bytes, one column each
        input += "\nx\n";
        const auto r = parse(input);
        const auto bad = of_rule(r, rule::bad_setting);
        REQUIRE(bad.size() == n);
        CHECK(bad[0].column == 25);
        CHECK(bad.back().column == 25 + 4 * (n - 1));  // " é:x" is four code points
      },
      20000);
}

TEST_CASE("cue settings: accepted ones kept, the rest W104 at their column", "[parse][settings]") {
  const auto r = parse(
      "WEBVTT\n\n00:01.000 --> 00:02.000 align:start line:-1,end position:10%,line-left size:50% vertical:rl "
      "align:middle foo:bar line:1.,start size:101% novalue:\nx\n");
  REQUIRE(r.document.cues.size() == 1);
  const auto& s = r.document.cues[0].settings;
  REQUIRE(s.size() == 5);
  CHECK(s[0] == vttkit::cue_setting{"align", "start"});
  CHECK(s[1] == vttkit::cue_setting{"line", "-1,end"});
  CHECK(s[2] == vttkit::cue_setting{"position", "10%,line-left"});
  CHECK(s[3] == vttkit::cue_setting{"size", "50%"});
  CHECK(s[4] == vttkit::cue_setting{"vertical", "rl"});
  const auto w = of_rule(r, rule::bad_setting);
  REQUIRE(w.size() == 5);
  CHECK(w[0].column == 93);   // align:middle
  CHECK(w[1].column == 106);  // foo:bar
}

TEST_CASE("one-digit hours are W103 once per timing line", "[parse][timing]") {
  const auto r = parse("WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nx\n\n00:00:03.000 --> 0:00:04.000\ny\n");
  const auto w = of_rule(r, rule::short_hours);
  REQUIRE(w.size() == 2);
  CHECK(w[0].line == 3);
  CHECK(w[0].column == 1);
  CHECK(w[1].line == 6);
  CHECK(w[1].column == 18);
}

TEST_CASE("end not after start is E003 and the cue is kept", "[parse][timing]") {
  const auto r = parse("WEBVTT\n\n00:02.000 --> 00:01.000\nx\n");
  CHECK(r.document.cues.size() == 1);
  REQUIRE(of_rule(r, rule::end_not_after_start).size() == 1);
  CHECK(of_rule(r, rule::end_not_after_start)[0].line == 3);
}

TEST_CASE("NUL and invalid UTF-8 become U+FFFD with E006 / E005", "[parse][utf8]") {
  using namespace std::string_literals;
  const std::string input = "WEBVTT\n\n00:01.000 --> 00:02.000\n\xC3\xA9t\xC3\xA9 \xFF ok\na\0b\n"s;
  const auto r = parse(input);
  REQUIRE(r.document.cues.size() == 1);
  CHECK(r.document.cues[0].text ==
        "\xC3\xA9t\xC3\xA9 \xEF\xBF\xBD ok\na\xEF\xBF\xBD"
        "b");
  const auto bad = of_rule(r, rule::invalid_utf8);
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].line == 4);
  CHECK(bad[0].column == 5);  // code points, not bytes
  const auto nul = of_rule(r, rule::nul_character);
  REQUIRE(nul.size() == 1);
  CHECK(nul[0].line == 5);
  CHECK(nul[0].column == 2);
}

TEST_CASE("invalid UTF-8 gets one U+FFFD per maximal subpart (WHATWG decoder)", "[parse][utf8]") {
  // E2 82 is a truncated 3-byte sequence: one replacement; ED A0 80 is a surrogate: three.
  vttkit::parse_options utf8;
  utf8.encoding = "UTF-8";  // no Windows-1252 guess
  const auto r = parse(std::string("WEBVTT\n\n00:01.000 --> 00:02.000\n\xE2\x82x\xED\xA0\x80\n"), utf8);
  REQUIRE(r.document.cues.size() == 1);
  CHECK(r.document.cues[0].text == "\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("SubRip is read, with markup kept as WebVTT tags", "[parse][srt]") {
  const std::string srt =
      "1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Hello</i> & <font color=\"red\">bye</font>\r\n\r\n"
      "2\r\n00:00:03.000 --> 00:00:04.000\r\nJOE: two\r\nlines\r\n";
  vttkit::parse_options o;
  o.name = "x.srt";
  const auto r = parse(srt, o);
  CHECK(r.format == vttkit::input_format::srt);
  REQUIRE(r.document.cues.size() == 2);
  CHECK(r.document.cues[0].start == 1000);
  CHECK(r.document.cues[0].end == 2500);
  CHECK(r.document.cues[0].payload == "<i>Hello</i> &amp; bye");
  CHECK(r.document.cues[0].text == "Hello & bye");
  CHECK(r.document.cues[1].payload == "JOE: two\nlines");
  CHECK(r.document.cues[1].speaker.empty());
}

TEST_CASE("the input format is detected from signature, extension, then content", "[parse][detect]") {
  const std::string srt = "1\n00:00:01,000 --> 00:00:02,000\nhi\n";
  CHECK(parse(srt).format == vttkit::input_format::srt);  // a number line, then a timing line
  vttkit::parse_options as_vtt;
  as_vtt.name = "file.vtt";
  CHECK(parse(srt, as_vtt).format == vttkit::input_format::vtt);
  CHECK(parse(srt, as_vtt).document.cues.empty());
  CHECK(parse("hello\n\n00:01.000 --> 00:02.000\nx\n").format == vttkit::input_format::vtt);
  vttkit::parse_options forced;
  forced.format = vttkit::input_format::srt;
  CHECK(parse("1\n00:00:01,000 --> 00:00:02,000\nx\n", forced).document.cues.size() == 1);
}

namespace {
/// 5000 cues, one per second, "cue N" spoken by S0, S1, S2 in turn.
std::string numbered_cues() {
  std::string input = "WEBVTT\n";
  for (int i = 0; i < 5000; ++i) {
    input.append("\n").append(vttkit::format_timestamp(i * 1000)).append(" --> ");
    input.append(vttkit::format_timestamp(i * 1000 + 900)).append("\n<v S").append(std::to_string(i % 3));
    input.append(">cue ").append(std::to_string(i)).append("\n");
  }
  return input;
}
}  // namespace

TEST_CASE("the streaming reader hands out cues one at a time", "[parse][stream]") {
  const std::string input = numbered_cues();
  trickle_source src{input, 1000};
  vttkit::reader r{src};
  std::size_t n = 0;
  while (r.next()) {
    REQUIRE(r.kind() == vttkit::item_kind::cue);
    CHECK(r.cue().start == static_cast<vttkit::millis>(n) * 1000);
    CHECK(r.cue().text == "cue " + std::to_string(n));
    ++n;
  }
  CHECK(n == 5000);
  CHECK(r.error_count() == 0);
  CHECK(r.bytes_read() == input.size());
}

TEST_CASE("bytes_read advances with the cues handed out, also for input read in place", "[parse][stream]") {
  // A progress display divides it by the input's size: a file read in place (mapped, or in
  // memory) must not count as read all at once.
  const std::string input = numbered_cues();
  vttkit::memory_source src{input};
  vttkit::parse_options po;
  po.threads = 1;
  vttkit::reader r{src, po};
  REQUIRE(r.next());
  CHECK(r.bytes_read() < input.size() / 100);
  for (int i = 0; i < 2500; ++i) REQUIRE(r.next());
  CHECK(r.bytes_read() > input.size() * 4 / 10);
  CHECK(r.bytes_read() < input.size() * 6 / 10);
  while (r.next()) {
  }
  CHECK(r.bytes_read() == input.size());
}

TEST_CASE("hostile input ends cleanly", "[parse][hostile]") {
  CHECK(parse("").document.cues.empty());
  CHECK(parse("WEBVTT").document.cues.empty());
  CHECK(parse("\xEF\xBB\xBF").document.cues.empty());
  std::string arrows = "WEBVTT\n\n";
  for (int i = 0; i < 100000; ++i) arrows += "-->\n";
  const auto a = parse(arrows);
  CHECK(a.document.cues.empty());
  CHECK(of_rule(a, rule::invalid_timestamp).size() == 100000);
  std::string deep = "WEBVTT\n\n00:01.000 --> 00:02.000\n";
  for (int i = 0; i < 200000; ++i) deep += "<b>";
  deep += "x\n";
  const auto d = parse(deep);
  REQUIRE(d.document.cues.size() == 1);
  CHECK(d.document.cues[0].text == "x");
}

TEST_CASE("a line or a block over the limit stops reading with a read error", "[parse][hostile]") {
  // The limit keeps memory bounded whatever the input (a line of NULs from /dev/zero, a cue
  // of a million lines); below it everything is read as usual.
  constexpr std::size_t most = vttkit::detail::line_reader::max_length;
  const std::string head = "WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\n\n00:02.000 --> 00:03.000\n";
  const std::string tail = "\n\n00:03.000 --> 00:04.000\nlast\n";
  const auto expected_error = [](int line) {
    return "line " + std::to_string(line) +
           ": a line or block of lines over 4 MiB: reading stopped (vtt reads subtitle files, whose lines are short)";
  };
  const auto at_limit = parse(head + std::string(most, 'a') + tail);
  REQUIRE(at_limit.document.cues.size() == 3);
  CHECK(at_limit.document.cues[1].text.size() == most);
  CHECK(at_limit.read_error.empty());
  // A line too long is named by its own line; a block too long by its first line.
  const std::pair<std::string, int> cases[] = {
      {head + std::string(most + 1, 'a') + tail, 7},
      {head + std::string(most / 2, 'a') + "\n" + std::string(most / 2, 'b') + tail, 6}};
  for (const auto& [input, line] : cases) {
    for (const unsigned threads : {1u, 2u}) {
      vttkit::parse_options o;
      o.threads = threads;
      vttkit::memory_source in_place{input};
      const auto whole = parse(in_place, o);
      INFO("threads " << threads << ", " << input.size() << " bytes");
      REQUIRE(whole.document.cues.size() == 1);  // the cues before it; none from the rest
      CHECK(whole.document.cues[0].text == "first");
      CHECK(whole.read_error == expected_error(line));
    }
    trickle_source piped{input, std::size_t{1} << 16};
    const auto read = parse(piped);
    CHECK(read.document.cues.size() == 1);
    CHECK(read.read_error == expected_error(line));
  }
  // A first line of NULs without an end: no E001 (the read error says why), no more read.
  const auto zeros = parse(std::string(most + 100, '\0'));
  CHECK(zeros.diagnostics.empty());
  CHECK(zeros.read_error.rfind("line 1: ", 0) == 0);
  // SubRip entries too.
  const auto srt = parse("1\n00:00:01,000 --> 00:00:02,000\nfirst\n\n2\n00:00:02,000 --> 00:00:03,000\n" +
                         std::string(most + 1, 'a') + "\n\n3\n00:00:03,000 --> 00:00:04,000\nlast\n");
  CHECK(srt.document.cues.size() == 1);
  CHECK(srt.read_error == expected_error(7));
}

namespace {

/// "Collect a WebVTT timestamp", transcribed step by step from the specification, as an
/// independent reference for the optimised implementation.
std::optional<long double> reference_timestamp(const std::string& in, std::size_t& pos) {
  auto digit = [&](std::size_t p) { return p < in.size() && in[p] >= '0' && in[p] <= '9'; };
  auto collect = [&](std::string& out) {
    out.clear();
    while (digit(pos)) out += in[pos++];
  };
  bool hours = false;
  if (!digit(pos)) return std::nullopt;
  std::string str;
  collect(str);
  long double v1 = std::stold(str), v2 = 0, v3 = 0, v4 = 0;
  if (str.size() != 2 || v1 > 59) hours = true;
  if (pos >= in.size() || in[pos] != ':') return std::nullopt;
  ++pos;
  collect(str);
  if (str.size() != 2) return std::nullopt;
  v2 = std::stold(str);
  if (hours || (pos < in.size() && in[pos] == ':')) {
    if (pos >= in.size() || in[pos] != ':') return std::nullopt;
    ++pos;
    collect(str);
    if (str.size() != 2) return std::nullopt;
    v3 = std::stold(str);
  } else {
    v3 = v2;
    v2 = v1;
    v1 = 0;
  }
  if (pos >= in.size() || in[pos] != '.') return std::nullopt;
  ++pos;
  collect(str);
  if (str.size() != 3) return std::nullopt;
  v4 = std::stold(str);
  if (v2 > 59 || v3 > 59) return std::nullopt;
  return v1 * 3600000 + v2 * 60000 + v3 * 1000 + v4;
}

}  // namespace

TEST_CASE("collect_timestamp agrees with the specification's steps on random input", "[parse][timestamp]") {
  std::mt19937 rng{12345};
  const std::string alphabet = "0123456789:.:.0123456789 -x";
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    const auto len = rng() % 16;
    for (std::size_t k = 0; k < len; ++k) s += alphabet[rng() % alphabet.size()];
    if (i % 3 == 0) {  // mostly well-formed shapes with random digits
      static const char* shapes[] = {"D:DD:DD.DDD", "DD:DD:DD.DDD", "DD:DD.DDD", "DDD:DD:DD.DDD", "DD:DD.DDDD"};
      s = shapes[rng() % 5];
      for (auto& c : s)
        if (c == 'D') c = static_cast<char>('0' + rng() % 10);
      if (rng() % 2) s += alphabet[rng() % alphabet.size()];
    }
    std::size_t pos = 0;
    const auto want = reference_timestamp(s, pos);
    const auto got = vttkit::collect_timestamp(s);
    INFO(s);
    REQUIRE(got.ok == want.has_value());
    if (got.ok) {
      CHECK(static_cast<long double>(got.value) == *want);
      CHECK(got.length == pos);
    }
  }
}

TEST_CASE("count_code_points counts every byte but UTF-8 continuation bytes, at any length", "[parse][utf8]") {
  std::mt19937 rng{11};
  const std::vector<std::string> pieces = {"a", " ", "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80", "\x80", "\xBF"};
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    const auto n = std::uniform_int_distribution<std::size_t>(0, 40)(rng);
    for (std::size_t i = 0; i < n; ++i)
      s += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
    std::size_t expected = 0;
    for (const char c : s) expected += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    INFO(s);
    REQUIRE(vttkit::detail::count_code_points(s) == expected);
  }
}

// Input encodings: byte order marks, named encodings (iconv) and the Windows-1252 guess.
// Every input is written byte by byte here; the expected text is UTF-8 written by hand.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include <vttkit/parse.hpp>

#include "parse/parallel_parser.hpp"
#include "trickle_source.hpp"

using vttkit::input_encoding;
using vttkit::parse;
using vttkit::rule;

namespace {

using reason = input_encoding::reason;
using namespace std::string_literals;

/// `text` (UTF-16 code units) as bytes, little or big endian, after a byte order mark.
std::string utf16(std::u16string_view text, bool little, bool bom = true) {
  std::string out;
  auto unit = [&](char16_t u) {
    const char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
    out += little ? lo : hi;
    out += little ? hi : lo;
  };
  if (bom) unit(0xFEFF);
  for (const char16_t u : text) unit(u);
  return out;
}

/// `text` as UTF-32 bytes after a byte order mark.
std::string utf32(std::u32string_view text, bool little) {
  std::string out;
  auto unit = [&](char32_t u) {
    for (int i = 0; i < 4; ++i) {
      const int shift = little ? 8 * i : 8 * (3 - i);
      out += static_cast<char>((u >> shift) & 0xFF);
    }
  };
  unit(0xFEFF);
  for (const char32_t u : text) unit(u);
  return out;
}

std::vector<vttkit::diagnostic> of_rule(const vttkit::parse_result& r, rule which) {
  std::vector<vttkit::diagnostic> out;
  for (const auto& d : r.diagnostics)
    if (d.rule == which) out.push_back(d);
  return out;
}

std::vector<std::string> texts(const vttkit::parse_result& r) {
  std::vector<std::string> out;
  for (const auto& c : r.document.cues) out.push_back(c.text);
  return out;
}

// "Café “ok”" and "second", in SubRip with CRLF, as a Windows program writes it.
constexpr std::u16string_view srt16 =
    u"1\r\n00:00:01,000 --> 00:00:02,000\r\nCaf\u00E9 \u201Cok\u201D\r\n\r\n2\r\n00:00:03,000 --> "
    u"00:00:04,000\r\nsecond\r\n";
constexpr std::u32string_view srt32 =
    U"1\r\n00:00:01,000 --> 00:00:02,000\r\nCaf\u00E9 \u201Cok\u201D\r\n\r\n2\r\n00:00:03,000 --> "
    U"00:00:04,000\r\nsecond\r\n";
const std::vector<std::string> srt_texts{"Caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D", "second"};

// French in Windows-1252: é E9, à E0, ç E7, ’ 92, “ 93, ” 94.
const std::string french_1252 =
    "WEBVTT\n\n00:01.000 --> 00:02.000\nD\xE9j\xE0 vu, gar\xE7on\n\n00:02.000 --> 00:03.000\n\x93Oui\x94, "
    "l\x92\x61mi\n";
const std::vector<std::string> french_texts{"D\xC3\xA9j\xC3\xA0 vu, gar\xC3\xA7on",
                                            "\xE2\x80\x9COui\xE2\x80\x9D, l\xE2\x80\x99\x61mi"};

}  // namespace

TEST_CASE("UTF-16 and UTF-32 with a byte order mark are read as UTF-8", "[encoding][bom]") {
  struct input {
    std::string bytes;
    std::string name;
  };
  const std::vector<input> inputs{{utf16(srt16, true), "UTF-16LE"},
                                  {utf16(srt16, false), "UTF-16BE"},
                                  {utf32(srt32, true), "UTF-32LE"},
                                  {utf32(srt32, false), "UTF-32BE"}};
  for (const auto& in : inputs) {
    INFO(in.name);
    vttkit::parse_options srt;
    srt.format = vttkit::input_format::srt;
    // In memory (converted in place), and three bytes at a time through the copying path.
    const auto whole = parse(in.bytes, srt);
    vtt_test::trickle_source trickle{in.bytes, 3};
    const auto trickled = parse(trickle, srt);
    for (const auto* r : {&whole, &trickled}) {
      CHECK(texts(*r) == srt_texts);
      CHECK(r->diagnostics.empty());
      CHECK(r->encoding.name == in.name);
      CHECK(r->encoding.why == reason::byte_order_mark);
    }
    CHECK(whole.document.cues[1].start == 3000);
  }
}

TEST_CASE("A UTF-16 file is recognised as SubRip or WebVTT after conversion", "[encoding][bom]") {
  const auto r = parse(utf16(srt16, true));  // format automatic, no name
  CHECK(r.format == vttkit::input_format::srt);
  CHECK(texts(r) == srt_texts);
  const auto v = parse(utf16(u"WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", false));
  CHECK(v.has_signature);
  CHECK(texts(v) == std::vector<std::string>{"hi"});
}

TEST_CASE("An invalid UTF-16 sequence is one U+FFFD and one E005 at its place", "[encoding][bom]") {
  // A lone high surrogate (D800) before 'x' on line 4.
  const auto bytes = utf16(u"WEBVTT\n\n00:01.000 --> 00:02.000\na\xD800x\n", true);
  vtt_test::trickle_source in{bytes, 5};
  const auto r = parse(in);
  CHECK(texts(r) == std::vector<std::string>{"a\xEF\xBF\xBDx"});
  const auto bad = of_rule(r, rule::invalid_utf8);
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].line == 4);
  CHECK(bad[0].column == 2);
  CHECK(bad[0].message == "invalid UTF-16LE, replaced by U+FFFD");
  // Cut short at the end: one odd byte left over.
  const auto cut = parse(utf16(u"WEBVTT\n\n00:01.000 --> 00:02.000\nab", true) + "\x63");
  CHECK(texts(cut) == std::vector<std::string>{"ab\xEF\xBF\xBD"});
  CHECK(of_rule(cut, rule::invalid_utf8).size() == 1);
}

TEST_CASE("Windows-1252 is guessed when the first byte outside ASCII is not UTF-8", "[encoding][guess]") {
  const auto r = parse(french_1252);
  CHECK(texts(r) == french_texts);
  CHECK(r.diagnostics.empty());
  CHECK(r.encoding.name == "windows-1252");
  CHECK(r.encoding.why == reason::guessed);
  CHECK(r.encoding.line == 4);
  vtt_test::trickle_source in{french_1252, 1};
  CHECK(texts(parse(in)) == french_texts);
}

TEST_CASE("The first byte outside ASCII decides, once", "[encoding][guess]") {
  SECTION("valid UTF-8 first: a later Latin-1 byte is invalid UTF-8") {
    const auto r = parse("WEBVTT\n\n00:01.000 --> 00:02.000\ncaf\xC3\xA9\n\n00:02.000 --> 00:03.000\n\xE9t\xE9\n");
    CHECK(r.encoding.why == reason::utf8);
    CHECK(texts(r)[1] == "\xEF\xBF\xBDt\xEF\xBF\xBD");
    CHECK(of_rule(r, rule::invalid_utf8).size() == 2);
  }
  SECTION("Windows-1252 first: later UTF-8 bytes are read as Windows-1252 too") {
    const auto r = parse("WEBVTT\n\n00:01.000 --> 00:02.000\n\xE9\n\n00:02.000 --> 00:03.000\n\xC3\xA9\n");
    CHECK(r.encoding.why == reason::guessed);
    CHECK(texts(r) == std::vector<std::string>{"\xC3\xA9", "\xC3\x83\xC2\xA9"});  // é, then Ã©
  }
  SECTION("a byte undefined in Windows-1252 after the guess: U+FFFD and E005") {
    const auto r = parse("WEBVTT\n\n00:01.000 --> 00:02.000\n\xE9\x81z\n");
    CHECK(texts(r) == std::vector<std::string>{"\xC3\xA9\xEF\xBF\xBDz"});
    const auto bad = of_rule(r, rule::invalid_utf8);
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].column == 2);
    CHECK(bad[0].message == "byte not defined in Windows-1252, replaced by U+FFFD");
  }
  SECTION("NUL is no byte outside ASCII: the guess is still open after it") {
    const auto r = parse("WEBVTT\n\n00:01.000 --> 00:02.000\na\0b\n\xE0\n"s);
    CHECK(r.encoding.why == reason::guessed);
    CHECK(r.encoding.line == 5);
    CHECK(of_rule(r, rule::nul_character).size() == 1);
  }
}

TEST_CASE("Bytes invalid in both encodings fall back to UTF-8 with U+FFFD", "[encoding][guess]") {
  // 81 is not UTF-8 and undefined in Windows-1252; E9 after it is then invalid UTF-8 too.
  const auto r = parse("WEBVTT\n\n00:01.000 --> 00:02.000\n\x81x\xE9\n");
  CHECK(r.encoding.why == reason::utf8);
  CHECK(r.encoding.name == "UTF-8");
  CHECK(texts(r) == std::vector<std::string>{"\xEF\xBF\xBDx\xEF\xBF\xBD"});
  CHECK(of_rule(r, rule::invalid_utf8).size() == 2);
}

TEST_CASE("A named encoding: UTF-8 turns the guess off; others are converted", "[encoding][named]") {
  vttkit::parse_options utf8;
  utf8.encoding = "utf-8";
  const auto plain = parse(french_1252, utf8);
  CHECK(plain.encoding.why == reason::named);
  CHECK(plain.encoding.name == "UTF-8");
  CHECK(texts(plain)[0] == "D\xEF\xBF\xBDj\xEF\xBF\xBD vu, gar\xEF\xBF\xBDon");
  CHECK(of_rule(plain, rule::invalid_utf8).size() == 6);

  vttkit::parse_options latin1;
  latin1.encoding = "latin1";
  const auto r = parse(french_1252, latin1);
  CHECK(r.encoding.why == reason::named);
  CHECK(r.encoding.name == "latin1");
  CHECK(texts(r)[0] == french_texts[0]);
  CHECK(texts(r)[1] == "\xC2\x93Oui\xC2\x94, l\xC2\x92\x61mi");  // ISO-8859-1: 93 is the C1 control U+0093
  CHECK(r.diagnostics.empty());

  // A byte order mark wins over the name.
  const auto bom = parse(utf16(srt16, true), latin1);
  CHECK(bom.encoding.name == "UTF-16LE");
  CHECK(texts(bom) == srt_texts);

  CHECK(vttkit::known_encoding("WINDOWS-1252"));
  CHECK(vttkit::known_encoding("utf8"));
  CHECK_FALSE(vttkit::known_encoding("no-such-encoding"));
  CHECK_FALSE(vttkit::known_encoding("latin1//IGNORE"));
  CHECK_FALSE(vttkit::known_encoding(""));
  vttkit::parse_options unknown;
  unknown.encoding = "no-such-encoding";
  const auto bad = parse("WEBVTT\n", unknown);
  CHECK(bad.read_error == "unknown encoding 'no-such-encoding'");
}

TEST_CASE("Several threads read an encoding exactly as one", "[encoding][parallel]") {
  using vttkit::detail::parallel_parser;
  // Chunks of about 100 bytes: the first byte outside ASCII is in a later chunk, and one
  // chunk has UTF-8 first (decided otherwise than the input: parsed again).
  std::string bytes = "WEBVTT\n\n";
  for (int i = 0; i < 45; ++i) {
    const std::string s = std::to_string(10 + i);
    bytes += "00:" + s + ".000 --> 00:" + s + ".500\n";
    if (i == 7) bytes += "D\xE9j\xE0 \x93vu\x94\n\n";
    else if (i == 30) bytes += "caf\xC3\xA9 \xE7\x61\n\n";
    else bytes += "plain words here\n\n";
  }
  parallel_parser::set_chunk_bytes_for_testing(100, 4096);
  vttkit::parse_options one, many;
  many.threads = 4;
  const auto a = parse(bytes, one);
  const auto b = parse(bytes, many);
  parallel_parser::reset_chunk_bytes_for_testing();
  CHECK(a.encoding.why == reason::guessed);
  CHECK(a.encoding.line == 25);  // cue 7's text: 4 + 3 * 7
  CHECK(b.encoding.why == a.encoding.why);
  CHECK(b.encoding.line == a.encoding.line);
  CHECK(texts(a)[7] == "D\xC3\xA9j\xC3\xA0 \xE2\x80\x9Cvu\xE2\x80\x9D");
  CHECK(texts(a)[30] == "caf\xC3\x83\xC2\xA9 \xC3\xA7\x61");
  CHECK(texts(b) == texts(a));
  CHECK(b.diagnostics == a.diagnostics);
}

// The text helpers of src/text: ASCII, UTF-8, cue text tags, and the SIMD scan kernels checked
// against their scalar twins.
#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/ascii.hpp"
#include "text/cue_tag.hpp"
#include "text/scan.hpp"
#include "text/string_map.hpp"
#include "text/unicode.hpp"
#include "text/utf8.hpp"

using namespace std::string_view_literals;
namespace d = vttkit::detail;

// ---------------------------------------------------------------------------------------------
// ASCII
// ---------------------------------------------------------------------------------------------

TEST_CASE("ASCII classes hold exactly their bytes", "[text][ascii]") {
  std::string digits, upper, lower, tag_space, whitespace, blank, space;
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    if (d::is_digit(c)) digits += c;
    if (d::is_upper(c)) upper += c;
    if (d::is_lower(c)) lower += c;
    if (d::is_tag_space(c)) tag_space += c;
    if (d::is_ascii_whitespace(c)) whitespace += c;
    if (d::is_blank(c)) blank += c;
    if (d::is_space(c)) space += c;
    CHECK(d::is_alpha(c) == (d::is_upper(c) || d::is_lower(c)));
    CHECK(d::is_alnum(c) == (d::is_alpha(c) || d::is_digit(c)));
  }
  CHECK(digits == "0123456789");
  CHECK(upper == "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  CHECK(lower == "abcdefghijklmnopqrstuvwxyz");
  CHECK(tag_space == "\t\n\f ");
  CHECK(whitespace == "\t\n\f\r ");
  CHECK(blank == "\t ");
  CHECK(space == "\t\n\v\f\r ");
}

TEST_CASE("to_lower folds ASCII capitals only", "[text][ascii]") {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const char expected = b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : c;
    CHECK(d::to_lower(c) == expected);
  }
  std::string s = "Hello WORLD \xC3\x89t\xC3\xA9";  // "Été": not ASCII, left alone
  d::lower_in_place(s);
  CHECK(s == "hello world \xC3\x89t\xC3\xA9");
}

TEST_CASE("trim removes the chosen white space at both ends", "[text][ascii]") {
  CHECK(d::trim("") == "");
  CHECK(d::trim(" \t\r\n\f") == "");
  CHECK(d::trim("\r\n a b \f") == "a b");
  CHECK(d::trim("\va\v") == "\va\v");  // vertical tab is not ASCII whitespace in WHATWG terms
  CHECK(d::trim(" \t 12 \t", d::is_blank) == "12");
  CHECK(d::trim("\f12\f", d::is_blank) == "\f12\f");
}

TEST_CASE("case-insensitive comparisons fold ASCII letters only", "[text][ascii]") {
  CHECK(d::iequals("", ""));
  CHECK(d::iequals("E001", "e001"));
  CHECK(d::iequals("Invalid-UTF8", "invalid-utf8"));
  CHECK_FALSE(d::iequals("abc", "abcd"));
  CHECK_FALSE(d::iequals("\xC3\x89", "\xC3\xA9"));  // É and é: not ASCII
  CHECK_FALSE(d::iequals("[", "{"));                // 0x5B and 0x7B differ by 0x20 but are no letters
  CHECK(d::istarts_with("FONT color=red", "font"));
  CHECK_FALSE(d::istarts_with("fon", "font"));
  CHECK(d::iends_with("talk.VTT", ".vtt"));
  CHECK_FALSE(d::iends_with("vtt", ".vtt"));
}

// ---------------------------------------------------------------------------------------------
// UTF-8
// ---------------------------------------------------------------------------------------------

TEST_CASE("code points are counted, not bytes", "[text][utf8]") {
  CHECK(d::count_code_points("") == 0);
  CHECK(d::count_code_points("abc") == 3);
  CHECK(d::count_code_points("caf\xC3\xA9") == 4);                       // café
  CHECK(d::count_code_points("\xE2\x82\xAC 5") == 3);                    // € 5
  CHECK(d::count_code_points("\xF0\x9F\x98\x80\xF0\x9F\x98\x80") == 2);  // two emoji
  CHECK(d::count_code_points(std::string(40, 'x') + "\xC3\xA9") == 41);  // past one SIMD step
  CHECK(d::count_code_points_scalar("caf\xC3\xA9") == 4);
}

TEST_CASE("sequence_length takes valid sequences and the WHATWG maximal subparts", "[text][utf8]") {
  auto length = [](std::string_view s, std::size_t& invalid) {
    invalid = 99;
    return d::sequence_length(s, 0, invalid);
  };
  std::size_t invalid = 0;
  CHECK(length("a", invalid) == 1);
  CHECK(length("\xC3\xA9", invalid) == 2);
  CHECK(length("\xE2\x82\xAC", invalid) == 3);
  CHECK(length("\xF0\x9F\x98\x80", invalid) == 4);
  CHECK(length("\xF4\x8F\xBF\xBF", invalid) == 4);  // U+10FFFF
  // Invalid: the length of the bytes one U+FFFD stands for.
  CHECK(length("\x80", invalid) == 0);
  CHECK(invalid == 1);
  CHECK(length("\xC0\x80", invalid) == 0);  // overlong lead byte
  CHECK(invalid == 1);
  CHECK(length("\xE0\x80\x80", invalid) == 0);  // overlong: E0 needs A0..BF next
  CHECK(invalid == 1);
  CHECK(length("\xED\xA0\x80", invalid) == 0);  // a surrogate
  CHECK(invalid == 1);
  CHECK(length("\xF4\x90\x80\x80", invalid) == 0);  // past U+10FFFF
  CHECK(invalid == 1);
  CHECK(length("\xF5", invalid) == 0);
  CHECK(invalid == 1);
  CHECK(length("\xE2\x82", invalid) == 0);  // cut short by the end
  CHECK(invalid == 2);
  CHECK(length("\xF0\x9F\x98"
               "a",
               invalid) == 0);  // cut short by an ASCII byte
  CHECK(invalid == 3);
}

TEST_CASE("decode_at and encode agree with the UTF-8 bytes", "[text][utf8]") {
  const std::vector<std::pair<char32_t, std::string_view>> cases = {
      {U'A', "A"},
      {0xE9, "\xC3\xA9"},
      {0x7FF, "\xDF\xBF"},
      {0x800, "\xE0\xA0\x80"},
      {0x20AC, "\xE2\x82\xAC"},
      {0xFFFD, "\xEF\xBF\xBD"},
      {0x1F600, "\xF0\x9F\x98\x80"},
      {0x10FFFF, "\xF4\x8F\xBF\xBF"},
  };
  for (const auto& [cp, bytes] : cases) {
    CHECK(d::decode_at(bytes, 0) == cp);
    char out[4] = {};
    REQUIRE(d::encode(cp, out) == bytes.size());
    CHECK(std::string_view(out, bytes.size()) == bytes);
    std::string appended = "x";
    d::append_code_point(appended, cp);
    CHECK(appended == "x" + std::string(bytes));
  }
  CHECK(d::decode_at("a\xC3\xA9", 1) == 0xE9);
  CHECK(d::decode_at("\xC3", 0) == 0xFFFD);
  CHECK(d::decode_at("\xC1\xA1", 0) == 0xFFFD);  // overlong 'a'
  CHECK(d::decode_at("\xBF", 0) == 0xFFFD);
}

TEST_CASE("next_code_point decodes and steps over one code point", "[text][utf8]") {
  const std::string_view s =
      "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"
      "b";
  std::size_t i = 0;
  CHECK(d::next_code_point(s, i) == U'a');
  CHECK(i == 1);
  CHECK(d::next_code_point(s, i) == 0xE9);
  CHECK(i == 3);
  CHECK(d::next_code_point(s, i) == 0x20AC);
  CHECK(i == 6);
  CHECK(d::next_code_point(s, i) == 0x1F600);
  CHECK(i == 10);
  CHECK(d::next_code_point(s, i) == U'b');
  CHECK(i == s.size());
  // An invalid sequence is one U+FFFD for its maximal invalid subpart.
  const std::string_view bad = "\xE2\x82x\xBF\xF0\x9F";
  i = 0;
  CHECK(d::next_code_point(bad, i) == 0xFFFD);
  CHECK(i == 2);
  CHECK(d::next_code_point(bad, i) == U'x');
  CHECK(d::next_code_point(bad, i) == 0xFFFD);
  CHECK(i == 4);
  CHECK(d::next_code_point(bad, i) == 0xFFFD);  // truncated at the end
  CHECK(i == bad.size());
}

// ---------------------------------------------------------------------------------------------
// Code point properties
// ---------------------------------------------------------------------------------------------

TEST_CASE("white space: the code point and the UTF-8 byte tests agree", "[text][unicode]") {
  std::vector<char32_t> spaces;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    if (d::is_white_space(cp)) spaces.push_back(cp);
    if (cp < 0x80) continue;
    std::string bytes;
    d::append_code_point(bytes, cp);
    bytes += "x";
    REQUIRE(d::non_ascii_space_length(bytes, 0) == (d::is_unicode_space(cp) ? bytes.size() - 1 : 0));
  }
  const std::vector<char32_t> expected = {0x09,   0x0A,   0x0B,   0x0C,   0x0D,   0x20,   0x85,   0xA0,   0x1680,
                                          0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
                                          0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
  CHECK(spaces == expected);                             // Unicode's White_Space property
  CHECK(d::non_ascii_space_length("\xE2\x80", 0) == 0);  // cut short
}

TEST_CASE("fold_case lowers the capitals of Latin, Greek and Cyrillic", "[text][unicode]") {
  CHECK(d::fold_case(U'A') == U'a');
  CHECK(d::fold_case(U'z') == U'z');
  CHECK(d::fold_case(U'1') == U'1');
  CHECK(d::fold_case(0xC9) == 0xE9);      // É
  CHECK(d::fold_case(0xD7) == 0xD7);      // ×: no letter
  CHECK(d::fold_case(0x100) == 0x101);    // Ā
  CHECK(d::fold_case(0x101) == 0x101);    // ā
  CHECK(d::fold_case(0x141) == 0x142);    // Ł: odd capitals from U+0139
  CHECK(d::fold_case(0x178) == 0xFF);     // Ÿ
  CHECK(d::fold_case(0x3A3) == 0x3C3);    // Σ
  CHECK(d::fold_case(0x401) == 0x451);    // Ё
  CHECK(d::fold_case(0x416) == 0x436);    // Ж
  CHECK(d::fold_case(0x4E00) == 0x4E00);  // not cased
  for (char32_t cp = 0; cp < 0x500; ++cp) {
    if (d::fold_case(cp) != cp) CHECK(d::is_lowercase(d::fold_case(cp)));
  }
}

TEST_CASE("is_lowercase: lower-case letters of the scripts transcripts use", "[text][unicode]") {
  CHECK(d::is_lowercase(U'a'));
  CHECK_FALSE(d::is_lowercase(U'A'));
  CHECK(d::is_lowercase(0xDF));         // ß
  CHECK_FALSE(d::is_lowercase(0xF7));   // ÷
  CHECK(d::is_lowercase(0x3B1));        // α
  CHECK_FALSE(d::is_lowercase(0x391));  // Α
  CHECK(d::is_lowercase(0x436));        // ж
  CHECK_FALSE(d::is_lowercase(0x4E00));
}

TEST_CASE("string_map finds string keys by string view", "[text][map]") {
  d::string_map<int> m;
  m.emplace("one", 1);
  m.emplace("two", 2);
  const std::string_view key = std::string_view("one two").substr(4);
  const auto it = m.find(key);  // no std::string made for the lookup
  REQUIRE(it != m.end());
  CHECK(it->second == 2);
  CHECK(m.find(std::string_view("three")) == m.end());
}

TEST_CASE("the WHATWG repair replaces NUL and each maximal invalid subpart", "[text][utf8]") {
  struct repaired {
    std::string text;
    std::vector<std::pair<d::repair_kind, std::size_t>> reports;
  };
  auto repair = [](std::string_view raw) {
    repaired r;
    d::append_repaired(r.text, raw, [&](d::repair_kind k, std::size_t column) { r.reports.emplace_back(k, column); });
    return r;
  };
  using d::repair_kind;
  const std::string fffd(d::replacement_character);

  CHECK_FALSE(d::needs_repair("plain caf\xC3\xA9"));
  CHECK(d::is_valid_utf8("plain caf\xC3\xA9"));
  CHECK(d::needs_repair("a\0b"sv));
  CHECK(d::is_valid_utf8("a\0b"sv));  // NUL is valid UTF-8: only the parser replaces it
  CHECK(d::needs_repair("\xE2\x82"));
  CHECK_FALSE(d::needs_repair(""));

  auto r = repair("a\0b"sv);
  CHECK(r.text == "a" + fffd + "b");
  CHECK(r.reports == std::vector<std::pair<repair_kind, std::size_t>>{{repair_kind::nul, 2}});

  r = repair(
      "\xC3\xA9\xE2\x82"
      "b");  // é, a cut-short €, b: one U+FFFD for both bytes
  CHECK(r.text == "\xC3\xA9" + fffd + "b");
  CHECK(r.reports == std::vector<std::pair<repair_kind, std::size_t>>{{repair_kind::invalid_utf8, 2}});

  r = repair("\xED\xA0\x80");  // a surrogate: three subparts of one byte
  CHECK(r.text == fffd + fffd + fffd);
  CHECK(r.reports.size() == 3);
  CHECK(r.reports.back() == std::pair{repair_kind::invalid_utf8, std::size_t{3}});

  r = repair("\xF0\x9F\x98");  // cut short by the end: one
  CHECK(r.text == fffd);

  r = repair("ok");
  CHECK(r.text == "ok");
  CHECK(r.reports.empty());
}

// ---------------------------------------------------------------------------------------------
// Cue text tags and the voice scanner
// ---------------------------------------------------------------------------------------------

TEST_CASE("split_tag splits as the W3C tokenizer does", "[text][tags]") {
  auto t = d::split_tag("v.loud.x Joe  Smith");
  CHECK(t.type == d::tag_type::start);
  CHECK(t.name == "v");
  CHECK(t.classes == "loud.x");
  CHECK(t.annotation == "Joe  Smith");
  t = d::split_tag("/c");
  CHECK(t.type == d::tag_type::end);
  CHECK(t.name == "c");
  t = d::split_tag("00:01.000");
  CHECK(t.type == d::tag_type::timestamp);
  t = d::split_tag("i");
  CHECK(t.name == "i");
  CHECK(t.annotation.data() == nullptr);
}

TEST_CASE("find_voice_tag finds <v> start tags as the tokenizer reads them", "[text][tags]") {
  // "<c <v JOE>" is one tag (a <c> with the annotation "<v JOE"): the voice is the second tag.
  const std::string_view p = "<c <v JOE>x</c><v Joe>y";
  auto v = d::find_voice_tag(p);
  REQUIRE(v.found());
  CHECK(v.tag == 15);
  CHECK(p.substr(v.annotation, v.end - v.annotation) == "Joe");
  CHECK_FALSE(d::find_voice_tag(p, v.end).found());

  v = d::find_voice_tag("<v.loud Joe>hi");
  CHECK(v.tag == 0);
  CHECK(v.annotation == 8);
  CHECK(v.end == 11);

  v = d::find_voice_tag("<vx>a</v><v>b");  // <vx> is another element, </v> an end tag
  CHECK(v.tag == 9);
  CHECK(v.annotation == 11);
  CHECK(v.end == 11);

  v = d::find_voice_tag("<v\tAnn");  // no '>': the tag runs to the end
  CHECK(v.tag == 0);
  CHECK(v.annotation == 3);
  CHECK(v.end == 6);

  CHECK_FALSE(d::find_voice_tag("no tags, a < b").found());
  CHECK_FALSE(d::find_voice_tag("").found());
}

TEST_CASE("split_simple_voice takes only the plain <v NAME>text shape", "[text][tags]") {
  std::string_view name, text;
  REQUIRE(d::split_simple_voice("<v Joe Smith>Hello there", name, text));
  CHECK(name == "Joe Smith");
  CHECK(text == "Hello there");
  REQUIRE(d::split_simple_voice("<v Alexandra Longname-Smith>x", name, text));  // a name past 16 bytes
  CHECK(name == "Alexandra Longname-Smith");
  CHECK(text == "x");
  REQUIRE(d::split_simple_voice("<v A>", name, text));
  CHECK(name == "A");
  CHECK(text.empty());
  for (const std::string_view no :
       {"<v  Joe>x"sv, "<v Joe >x"sv, "<v Jo  e>x"sv, "<v >x"sv, "<v Jo\te>x"sv, "<v Jo&amp;>x"sv, "<v Joe>a &amp; b"sv,
        "<v Joe>a<i>b"sv, "<v Joe>a\0"sv, "<v Joe"sv, "<v.a Joe>x"sv, "<c Joe>x"sv, "x<v Joe>y"sv}) {
    CAPTURE(no);
    CHECK_FALSE(d::split_simple_voice(no, name, text));
  }
}

// ---------------------------------------------------------------------------------------------
// SIMD kernels == their scalar twins
// ---------------------------------------------------------------------------------------------

namespace {

/// Calls `check(std::string_view)` on many inputs: every alignment 0..15 and length 0..200 of
/// random bytes drawn from several alphabets (all 256 values, the bytes the kernels look for,
/// long plain runs), and every byte value at every position of short plain runs.
template <class Check>
void for_many_inputs(Check&& check) {
  alignas(64) static std::array<char, 16 + 200 + 64> buffer{};
  std::mt19937 rng(20240612);
  const std::vector<std::string> alphabets = {
      "",  // all byte values
      std::string("ab <&>.?!-\n\r\t\f\x01\x0d\xE2\x80\xA6\xC3\xA9 \"\\\x1F\x20", 26) + std::string(1, '\0'),
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa <",
      "ab ab ab  >",
  };
  for (const std::string& alphabet : alphabets) {
    for (std::size_t align = 0; align < 16; ++align) {
      for (std::size_t len = 0; len <= 200; ++len) {
        char* p = buffer.data() + align;
        for (std::size_t i = 0; i < len; ++i) {
          const auto r = rng();
          p[i] = alphabet.empty() ? static_cast<char>(r & 0xFF) : alphabet[r % alphabet.size()];
        }
        check(std::string_view(p, len));
      }
    }
  }
  for (int b = 0; b < 256; ++b) {
    for (std::size_t len = 1; len <= 40; ++len) {
      for (std::size_t at = 0; at < len; ++at) {
        std::string s(len, 'a');
        s[at] = static_cast<char>(b);
        check(std::string_view(s));
      }
    }
  }
}

}  // namespace

TEST_CASE("SIMD scan kernels agree with their scalar twins", "[text][scan]") {
  std::size_t inputs = 0;
  for_many_inputs([&](std::string_view s) {
    ++inputs;
    const char* b = s.data();
    const char* e = s.data() + s.size();
    REQUIRE(d::find_cue_special(b, e) == d::find_cue_special_scalar(b, e));
    REQUIRE(d::find_escaped(b, e) == d::find_escaped_scalar(b, e));
    REQUIRE(d::find_mark_start(b, e) == d::find_mark_start_scalar(b, e));
    REQUIRE(d::find_json_special(b, e) == d::find_json_special_scalar(b, e));
    REQUIRE(d::is_single_spaced_ascii(s) == d::is_single_spaced_ascii_scalar(s));
    REQUIRE(d::count_code_points(s) == d::count_code_points_scalar(s));
    REQUIRE(d::simple_voice_name_length(s) == d::simple_voice_name_length_scalar(s));
  });
  CHECK(inputs > 4 * 16 * 201);
}

TEST_CASE("the line block classifier agrees with its scalar twin", "[text][scan]") {
  std::size_t blocks = 0;
  for_many_inputs([&](std::string_view s) {
    if (s.size() < 64) return;
    for (std::size_t at = 0; at + 64 <= s.size(); at += 13) {
      ++blocks;
      const d::line_masks simd = d::classify_line_block(s.data() + at);
      const d::line_masks scalar = d::classify_line_block_scalar(s.data() + at);
      REQUIRE(simd.eol == scalar.eol);
      REQUIRE(simd.dash == scalar.dash);
      REQUIRE(simd.odd == scalar.odd);
    }
  });
  CHECK(blocks > 1000);
}

TEST_CASE("the scalar kernels find what they are documented to", "[text][scan]") {
  const std::string_view s = "plain text & more";
  CHECK(d::find_cue_special_scalar(s.data(), s.data() + s.size()) == s.data() + 11);
  const std::string_view t = "no specials here";
  CHECK(d::find_cue_special(t.data(), t.data() + t.size()) == t.data() + t.size());
  const std::string_view u = "Well\xE2\x80\xA6 ok. Yes";
  CHECK(d::find_mark_start_scalar(u.data(), u.data() + u.size()) == u.data() + 4);
  CHECK(d::find_escaped_scalar(u.data(), u.data() + u.size()) == u.data() + u.size());
  const std::string_view j = "cafe \"quoted\"";
  CHECK(d::find_json_special_scalar(j.data(), j.data() + j.size()) == j.data() + 5);
  const std::string_view jj = "caf\xC3\xA9";  // UTF-8 to check
  CHECK(d::find_json_special_scalar(jj.data(), jj.data() + jj.size()) == jj.data() + 3);
  const std::string_view del = "x\x7F";
  CHECK(d::find_json_special_scalar(del.data(), del.data() + del.size()) == del.data() + 1);
  const std::string_view k = "tab\there";
  CHECK(d::find_json_special_scalar(k.data(), k.data() + k.size()) == k.data() + 3);
  CHECK(d::is_single_spaced_ascii_scalar("one two three"));
  CHECK_FALSE(d::is_single_spaced_ascii_scalar("one  two"));
  CHECK_FALSE(d::is_single_spaced_ascii_scalar(" one"));
  CHECK_FALSE(d::is_single_spaced_ascii_scalar("caf\xC3\xA9"));
  CHECK(d::simple_voice_name_length_scalar("Joe Smith>hi") == 9);
  CHECK(d::simple_voice_name_length_scalar("Joe") == 0);
  std::array<char, 64> block{};
  block.fill('a');
  block[0] = '\n';
  block[5] = '-';
  block[63] = '\r';
  block[10] = '\0';
  block[20] = '\xC3';
  const d::line_masks m = d::classify_line_block_scalar(block.data());
  CHECK(m.eol == ((std::uint64_t{1} << 63) | 1u));
  CHECK(m.dash == (std::uint64_t{1} << 5));
  CHECK(m.odd == ((std::uint64_t{1} << 10) | (std::uint64_t{1} << 20)));
}

TEST_CASE("terminal_width: East Asian wide and full-width, marks and format characters", "[text][unicode]") {
  // Values checked against the Unicode 14 database (EastAsianWidth.txt, UnicodeData.txt).
  CHECK(d::terminal_width(U'a') == 1);
  CHECK(d::terminal_width(U'\u00E9') == 1);      // é, precomposed
  CHECK(d::terminal_width(U'\u00AD') == 1);      // soft hyphen: Cf, but shown
  CHECK(d::terminal_width(U'\u0301') == 0);      // combining acute (Mn)
  CHECK(d::terminal_width(U'\u0E31') == 0);      // Thai mai han-akat (Mn)
  CHECK(d::terminal_width(U'\u200B') == 0);      // zero-width space
  CHECK(d::terminal_width(U'\u200D') == 0);      // zero-width joiner (Cf)
  CHECK(d::terminal_width(U'\u1160') == 0);      // Hangul jungseong filler
  CHECK(d::terminal_width(U'\u1100') == 2);      // Hangul choseong (W)
  CHECK(d::terminal_width(U'\uAC00') == 2);      // 가
  CHECK(d::terminal_width(U'\u65E5') == 2);      // 日
  CHECK(d::terminal_width(U'\u3042') == 2);      // あ
  CHECK(d::terminal_width(U'\u3001') == 2);      // 、
  CHECK(d::terminal_width(U'\uFF21') == 2);      // Ａ full-width (F)
  CHECK(d::terminal_width(U'\uFF61') == 1);      // ｡ half-width (H)
  CHECK(d::terminal_width(U'\U0001F600') == 2);  // 😀 (W)
  CHECK(d::terminal_width(U'\U00020000') == 2);  // CJK extension B
  CHECK(d::terminal_width(U'\U0002FFFD') == 2);  // unassigned in plane 2: wide by default
  CHECK(d::terminal_width(U'\U00050000') == 1);  // unassigned elsewhere: narrow
  CHECK(d::display_width("日本語 abc") == 10);
  CHECK(d::display_width("e\u0301") == 1);
}

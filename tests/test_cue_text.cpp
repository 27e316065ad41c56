// Tests for cue text: the W3C cue text parsing rules (WPT cases), summaries, diagnostics, escaping.
#include <catch2/catch.hpp>

#include <cstddef>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/cue_text.hpp>

using namespace std::string_view_literals;
using vttkit::cue_node;
using vttkit::cue_text_summary;
using vttkit::diagnostic;
using vttkit::node_kind;
using vttkit::parse_cue_text;
using vttkit::rule;
using vttkit::summarize_cue_text;

namespace {

/// Renders a tree the way WPT's cue-text-parsing .dat files write the DOM the tree maps to:
/// "| " plus two spaces per depth, attributes (alphabetical) one level below their element.
std::string render_wpt(const vttkit::cue_text_tree& tree) {
  std::string out;
  auto line = [&out](std::size_t depth, std::string_view text) {
    if (!out.empty()) out += '\n';
    out += "| ";
    out.append(2 * depth, ' ');
    out += text;
  };
  for (const cue_node& node : tree.nodes) {
    std::string_view tag;
    switch (node.kind) {
      case node_kind::text: line(node.depth, "\"" + node.value + "\""); continue;
      case node_kind::timestamp: line(node.depth, "<?timestamp " + vttkit::format_timestamp(node.time) + ">"); continue;
      case node_kind::class_span:
      case node_kind::voice:
      case node_kind::language: tag = "<span>"; break;
      case node_kind::italic: tag = "<i>"; break;
      case node_kind::bold: tag = "<b>"; break;
      case node_kind::underline: tag = "<u>"; break;
      case node_kind::ruby: tag = "<ruby>"; break;
      case node_kind::ruby_text: tag = "<rt>"; break;
    }
    line(node.depth, tag);
    if (!node.classes.empty()) {
      std::string joined;
      for (const auto& name : node.classes) joined += (joined.empty() ? "" : " ") + name;
      line(node.depth + 1, "class=\"" + joined + "\"");
    }
    if (node.kind == node_kind::language) line(node.depth + 1, "lang=\"" + node.language + "\"");
    if (node.kind == node_kind::voice) line(node.depth + 1, "title=\"" + node.value + "\"");
  }
  return out;
}

std::string render(std::string_view cue_text) { return render_wpt(parse_cue_text(cue_text)); }

struct wpt_case {
  std::string_view name;
  std::string_view input;
  std::string_view expected_tree;
};

// The web-platform-tests cue text cases (as converted to JSON by w3c/webvtt.js):
// webvtt/parsing/cue-text-parsing/dat/*.dat cases (3-Clause BSD licence, web-platform-tests
// contributors; see LICENSE.wpt.txt there), copied verbatim as `input` and `expected_tree`.
const wpt_case wpt_cases[] = {
    {"wptcue-entities-02", R"wpt(&amp;)wpt"sv, R"wpt(| "&")wpt"sv},
    {"wptcue-entities-04", R"wpt(&lt;)wpt"sv, R"wpt(| "<")wpt"sv},
    {"wptcue-entities-08", R"wpt(&quot;)wpt"sv, R"wpt(| """)wpt"sv},
    {"wptcue-entities-10", R"wpt(&copy;)wpt"sv, R"wpt(| "©")wpt"sv},
    {"wptcue-entities-12", R"wpt(&1)wpt"sv, R"wpt(| "&1")wpt"sv},
    {"wptcue-entities-13", R"wpt(&1;)wpt"sv, R"wpt(| "&1;")wpt"sv},
    {"wptcue-entities-15", R"wpt(&<c)wpt"sv,
     R"wpt(| "&"
| <span>)wpt"sv},
    {"wptcue-entities-17", R"wpt(&#x20;)wpt"sv, R"wpt(| " ")wpt"sv},
    {"wptcue-entities-18", R"wpt(&;)wpt"sv, R"wpt(| "&;")wpt"sv},
    {"wptcue-entities-24", R"wpt(&notit;)wpt"sv, R"wpt(| "¬it;")wpt"sv},
    {"wptcue-tags-00", R"wpt(<)wpt"sv, R"wpt()wpt"sv},
    {"wptcue-tags-01", R"wpt(<<)wpt"sv, R"wpt()wpt"sv},
    {"wptcue-tags-06", R"wpt(<c.)wpt"sv, R"wpt(| <span>)wpt"sv},
    {"wptcue-tags-10", R"wpt(<c>test)wpt"sv,
     R"wpt(| <span>
|   "test")wpt"sv},
    {"wptcue-tags-13", R"wpt(a<i.d e>b</i>c)wpt"sv,
     R"wpt(| "a"
| <i>
|   class="d"
|   "b"
| "c")wpt"sv},
    {"wptcue-tags-16", R"wpt(<u>test)wpt"sv,
     R"wpt(| <u>
|   "test")wpt"sv},
    {"wptcue-tags-25", R"wpt(<v.a.b>test)wpt"sv,
     R"wpt(| <span>
|   class="a b"
|   title=""
|   "test")wpt"sv},
    {"wptcue-tags-27", R"wpt(a<lang.d e>b</lang>c)wpt"sv,
     R"wpt(| "a"
| <span>
|   class="d"
|   lang="e"
|   "b"
| "c")wpt"sv},
    {"wptcue-text-02", "foo\0bar"sv, R"wpt(| "foo�bar")wpt"sv},
    {"wptcue-text-03", R"wpt(✓)wpt"sv, R"wpt(| "✓")wpt"sv},
    {"wptcue-tree-building-00", R"wpt(test)wpt"sv, R"wpt(| "test")wpt"sv},
    {"wptcue-tree-building-03", R"wpt(<ruby>test<rt>test</rt></ruby>test)wpt"sv,
     R"wpt(| <ruby>
|   "test"
|   <rt>
|     "test"
| "test")wpt"sv},
    {"wptcue-tree-building-04", R"wpt(<ruby>test<rt>test</ruby>test)wpt"sv,
     R"wpt(| <ruby>
|   "test"
|   <rt>
|     "test"
| "test")wpt"sv},
    {"wptcue-tree-building-06", R"wpt(<ruby>test<rt><b>test</ruby>test)wpt"sv,
     R"wpt(| <ruby>
|   "test"
|   <rt>
|     <b>
|       "test"
|       "test")wpt"sv},
};

/// Runs summarize_cue_text with a sink and returns what it reported.
std::vector<diagnostic> diagnose(std::string_view payload, std::size_t first_line = 1,
                                 cue_text_summary* summary_out = nullptr) {
  std::vector<diagnostic> found;
  const vttkit::diagnostic_sink sink = [&found](const diagnostic& d) { found.push_back(d); };
  cue_text_summary summary;
  summarize_cue_text(payload, summary, first_line, &sink);
  if (summary_out != nullptr) *summary_out = summary;
  return found;
}

cue_text_summary summarize(std::string_view payload) {
  cue_text_summary summary;
  summarize_cue_text(payload, summary);
  return summary;
}

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

// ---- parse_cue_text ----

TEST_CASE("parse_cue_text matches the shared WPT cue text cases", "[cue_text]") {
  STATIC_REQUIRE(std::size(wpt_cases) == 24);
  for (const wpt_case& c : wpt_cases) {
    INFO(c.name);
    CHECK(render(c.input) == c.expected_tree);
  }
}

TEST_CASE("parse_cue_text: timestamp tags", "[cue_text]") {
  // Valid tags become timestamp nodes; a tag that is not exactly a timestamp is ignored, and
  // the text tokens around it stay separate nodes.
  CHECK(render("a<00:00:01.500>b<1:00:00.000>c<00:01.000>d<00:00.5>e<00:00:01.000 >f") ==
        "| \"a\"\n| <?timestamp 00:00:01.500>\n| \"b\"\n| <?timestamp 01:00:00.000>\n| \"c\"\n"
        "| <?timestamp 00:00:01.000>\n| \"d\"\n| \"e\"\n| \"f\"");
  const auto tree = parse_cue_text("<i><123:00:00.250>");
  REQUIRE(tree.nodes.size() == 2);
  CHECK(tree.nodes[1].kind == node_kind::timestamp);
  CHECK(tree.nodes[1].time == 123 * 3'600'000LL + 250);
  CHECK(tree.nodes[1].parent == 0);
}

TEST_CASE("parse_cue_text: voices, languages and classes", "[cue_text]") {
  const std::string_view input = "<lang en><v.loud.x  Joe \t Smith >hi<lang fr>salut</lang><i>x</i></v></lang>";
  CHECK(render(input) ==
        "| <span>\n|   lang=\"en\"\n|   <span>\n|     class=\"loud x\"\n|     title=\"Joe Smith\"\n"
        "|     \"hi\"\n|     <span>\n|       lang=\"fr\"\n|       \"salut\"\n|     <i>\n|       \"x\"");
  const auto tree = parse_cue_text(input);
  REQUIRE(tree.nodes.size() == 7);
  CHECK(tree.nodes[1].kind == node_kind::voice);
  CHECK(tree.nodes[1].value == "Joe Smith");
  CHECK(tree.nodes[1].language == "en");  // inherited from the language stack
  CHECK(tree.nodes[3].language == "fr");
  CHECK(tree.nodes[5].kind == node_kind::italic);
  CHECK(tree.nodes[5].language == "en");  // </lang> popped "fr"
  CHECK(tree.nodes[5].parent == 1);

  CHECK(render("<v>x") == "| <span>\n|   title=\"\"\n|   \"x\"");
  CHECK(render("<lang>x") == "| <span>\n|   lang=\"\"\n|   \"x\"");
  CHECK(render("<c.a..b.>x") == "| <span>\n|   class=\"a b\"\n|   \"x\"");
  CHECK(render("<c.a\nb.c>x") == "| <span>\n|   class=\"a\"\n|   \"x\"");  // ".c" is annotation
  CHECK(render("<v\nJoe>x") == "| <span>\n|   title=\"Joe\"\n|   \"x\"");
  CHECK(render("<v Tom &amp; Jerry&gt;>x") == "| <span>\n|   title=\"Tom & Jerry>\"\n|   \"x\"");
  CHECK(render("<v &#32;A&Tab;&NewLine;B >x") == "| <span>\n|   title=\"A B\"\n|   \"x\"");
  CHECK(render("<c.a\0b>x"sv) ==
        "| <span>\n|   class=\"a\xEF\xBF\xBD"
        "b\"\n|   \"x\"");
}

TEST_CASE("parse_cue_text: unknown, malformed and stray tags are ignored", "[cue_text]") {
  CHECK(render("<C>x</C>") == "| \"x\"");  // tag names are case-sensitive
  CHECK(render("<b<i>x") == "| \"x\"");    // the name is "b<i"
  CHECK(render("<b/>x") == "| \"x\"");     // the name is "b/"
  CHECK(render("<i>a</b>b</i>c") == "| <i>\n|   \"a\"\n|   \"b\"\n| \"c\"");
  CHECK(render("<i>a</i >b") == "| <i>\n|   \"a\"\n|   \"b\"");  // end tag name "i "
  CHECK(render("<rt>a</rt>") == "| \"a\"");                      // <rt> only inside <ruby>
  CHECK(render("<ruby>a<rt>b</rt><rt>c</ruby>d") ==
        "| <ruby>\n|   \"a\"\n|   <rt>\n|     \"b\"\n|   <rt>\n|     \"c\"\n| \"d\"");
  CHECK(render("< b>x<.a>y</>z") == "| \"x\"\n| \"y\"\n| \"z\"");
  CHECK(parse_cue_text("").nodes.empty());
}

TEST_CASE("parse_cue_text: character references", "[cue_text]") {
  // Numeric: HTML's replacements (NUL, surrogates, out of range -> U+FFFD; C1 -> windows-1252
  // except the five undefined bytes), a missing ';' is accepted, no digits means no reference.
  CHECK(render("&#0;|&#x80;|&#129;|&#xD800;|&#x110000;|&#99999999999999999999;|&#65|&#x41;|&#X41;|"
               "&#x;|&#;") ==
        "| \"\xEF\xBF\xBD|\xE2\x82\xAC|\xC2\x81|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|A|A|A|&#x;|&#;\"");
  CHECK(render("&#x1F600;&#9731;") == "| \"\xF0\x9F\x98\x80\xE2\x98\x83\"");
  // Named: longest match, legacy names without ';', case-sensitive, two-code-point values.
  CHECK(render("&ampx &notin; &notit; &AMP &copy2 &Aacute; &AAcute; &NotEqualTilde;") ==
        "| \"&x \xE2\x88\x89 \xC2\xACit; & \xC2\xA9"
        "2 \xC3\x81 &AAcute; \xE2\x89\x82\xCC\xB8\"");
  CHECK(render("a & b &") == "| \"a & b &\"");
  CHECK(render("&lt;b&gt;") == "| \"<b>\"");  // decoded '<' is text, not a tag
}

TEST_CASE("parse_cue_text: flat tree bookkeeping", "[cue_text]") {
  const auto tree = parse_cue_text("a<b>c<u>d</u></b>e");
  REQUIRE(tree.nodes.size() == 6);
  CHECK(tree.nodes[0].parent == cue_node::npos);
  CHECK(tree.nodes[1].kind == node_kind::bold);
  CHECK(tree.nodes[1].parent == cue_node::npos);
  CHECK(tree.nodes[2].parent == 1);
  CHECK(tree.nodes[2].depth == 1);
  CHECK(tree.nodes[3].kind == node_kind::underline);
  CHECK(tree.nodes[4].parent == 3);
  CHECK(tree.nodes[4].depth == 2);
  CHECK(tree.nodes[5].depth == 0);
  CHECK(tree.nodes[5].value == "e");
}

TEST_CASE("parse_cue_text survives 200,000 nested tags", "[cue_text]") {
  constexpr std::size_t depth = 200'000;
  const std::string input = repeat("<b>", depth) + "x" + repeat("</b>", depth) + "y";
  const auto tree = parse_cue_text(input);
  REQUIRE(tree.nodes.size() == depth + 2);
  CHECK(tree.nodes[depth].kind == node_kind::text);
  CHECK(tree.nodes[depth].value == "x");
  CHECK(tree.nodes[depth].depth == depth);
  CHECK(tree.nodes[depth].parent == depth - 1);
  CHECK(tree.nodes.back().depth == 0);  // every </b> closed one level

  const auto unclosed = parse_cue_text(repeat("<b>", depth));
  CHECK(unclosed.nodes.size() == depth);
  CHECK(unclosed.nodes.back().depth == depth - 1);
}

// ---- summarize_cue_text ----

TEST_CASE("summarize_cue_text: plain text keeps lines and drops tags", "[cue_text][summary]") {
  const auto s = summarize("Hello <i>big</i>\n<b.x>world</b><00:00:01.000>!");
  CHECK(s.plain == "Hello big\nworld!");
  CHECK_FALSE(s.has_voice);
  CHECK(s.speaker.empty());
  CHECK(summarize("").plain.empty());
  CHECK(summarize("<ruby>\xE6\xBC\xA2<rt>kan</rt></ruby>").plain == "\xE6\xBC\xA2kan");  // <rt> text included
  CHECK(summarize("a\0b"sv).plain ==
        "a\xEF\xBF\xBD"
        "b");
  const std::string long_run = repeat("abcdefg ", 1000);
  CHECK(summarize(long_run + "<i>&amp;</i>").plain == long_run + "&");
}

TEST_CASE("summarize_cue_text: speakers", "[cue_text][summary]") {
  auto s = summarize("<v Speaker 1>text");
  CHECK(s.has_voice);
  CHECK(s.speaker == "Speaker 1");
  CHECK(s.plain == "text");

  s = summarize("<v.loud Joe>Hi!</v>");
  CHECK(s.speaker == "Joe");
  CHECK(s.plain == "Hi!");

  s = summarize("<v.first.second   Mary\tJane  >a</v> <v Bob>b");
  CHECK(s.speaker == "Mary Jane");  // the first voice wins; white space cleaned up
  CHECK(s.plain == "a b");

  s = summarize("<v Tom &amp; Jerry>x");
  CHECK(s.speaker == "Tom & Jerry");

  s = summarize("<v>nameless");
  CHECK(s.has_voice);
  CHECK(s.speaker.empty());

  s = summarize("<vv Joe>x<V Joe>y");
  CHECK_FALSE(s.has_voice);
  CHECK(s.plain == "xy");
}

TEST_CASE("summarize_cue_text: references decode as in the tree", "[cue_text][summary]") {
  CHECK(summarize("Tom &amp; Jerry &lt;3 &#x263A; &copy; &notit; &bogus; a & b").plain ==
        "Tom & Jerry <3 \xE2\x98\xBA \xC2\xA9 \xC2\xACit; &bogus; a & b");
}

TEST_CASE("summarize_cue_text reuses the output", "[cue_text][summary]") {
  cue_text_summary out;
  summarize_cue_text("<v Ann>first cue with some text", out);
  REQUIRE(out.has_voice);
  const char* buffer = out.plain.data();
  summarize_cue_text("second", out);
  CHECK(out.plain == "second");
  CHECK_FALSE(out.has_voice);
  CHECK(out.speaker.empty());
  CHECK(out.plain.data() == buffer);  // capacity kept: no new allocation
}

TEST_CASE("summarize_cue_text: clean cues report nothing", "[cue_text][summary]") {
  cue_text_summary s;
  CHECK(diagnose("<v A>Hello <i>world</i>", 1, &s).empty());
  CHECK(s.plain == "Hello world");
  CHECK(s.speaker == "A");
  CHECK(diagnose("<v Speaker 1>text").empty());  // <v> may stay open
  CHECK(diagnose("<c.a>x</c> <ruby>a<rt>b</rt></ruby> <ruby>c<rt>d</ruby> <lang en>e</lang>").empty());
  CHECK(diagnose("a<00:00:01.000>b &amp; &#38; &#x26; &#38 &lt;").empty());
  CHECK(diagnose("<v Tom &amp; Jerry>x\n<u>y</u>").empty());
}

TEST_CASE("summarize_cue_text: W105 bad tags and their positions", "[cue_text][summary]") {
  auto d = diagnose("line one\n<foo>x</foo>", 10);
  REQUIRE(d.size() == 2);
  CHECK(d[0].rule == rule::bad_tag);
  CHECK(d[0].line == 11);
  CHECK(d[0].column == 1);
  CHECK(d[1].rule == rule::bad_tag);  // the unknown end tag
  CHECK(d[1].line == 11);
  CHECK(d[1].column == 7);

  d = diagnose("h\xC3\xA9llo <x>");  // é is one code point
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 1);
  CHECK(d[0].column == 7);

  d = diagnose("<v A><b>x");  // <v> may stay open, <b> may not
  REQUIRE(d.size() == 1);
  CHECK(d[0].rule == rule::bad_tag);
  CHECK(d[0].column == 6);

  d = diagnose("ok\n\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E<b>x", 3);  // 日本語<b>x
  REQUIRE(d.size() == 1);
  CHECK(d[0].line == 4);
  CHECK(d[0].column == 4);

  d = diagnose("<i>a</b>b</i>");  // </b> does not close the current <i>
  REQUIRE(d.size() == 1);
  CHECK(d[0].column == 5);

  d = diagnose("a<>b<");  // empty tag names
  REQUIRE(d.size() == 2);
  CHECK(d[0].column == 2);
  CHECK(d[1].column == 5);

  d = diagnose("a<00:00.5>b<00:00:01.000 >");  // timestamp tags that do not parse
  REQUIRE(d.size() == 2);
  CHECK(d[0].column == 2);
  CHECK(d[1].column == 12);

  d = diagnose("<rt>a</rt>");  // ignored <rt>, then its stray end tag
  REQUIRE(d.size() == 2);
  CHECK(d[0].column == 1);
  CHECK(d[1].column == 6);

  d = diagnose("<i>\n<u>x</u>\n<b>");  // unclosed elements, reported at their start tags
  REQUIRE(d.size() == 2);
  CHECK(d[0].line == 1);
  CHECK(d[0].column == 1);
  CHECK(d[1].line == 3);
  CHECK(d[1].column == 1);
  for (const auto& diag : d) CHECK(diag.rule == rule::bad_tag);
}

TEST_CASE("summarize_cue_text: W106 bad references and their positions", "[cue_text][summary]") {
  auto d = diagnose("Tom & Jerry");
  REQUIRE(d.size() == 1);
  CHECK(d[0].rule == rule::bad_entity);
  CHECK(d[0].line == 1);
  CHECK(d[0].column == 5);

  d = diagnose(
      "premi\xC3\xA8re ligne\n\xC3\xA7"
      "a &bogus; l\xC3\xA0",
      5);  // "ça &bogus; là"
  REQUIRE(d.size() == 1);
  CHECK(d[0].rule == rule::bad_entity);
  CHECK(d[0].line == 6);
  CHECK(d[0].column == 4);

  d = diagnose("\xF0\x9F\x8E\x89 &amp &notit; &#; &1 &;");  // 🎉: one code point
  REQUIRE(d.size() == 5);
  CHECK(d[0].column == 3);   // &amp without ';'
  CHECK(d[1].column == 8);   // &not matched without ';'
  CHECK(d[2].column == 16);  // &# with no digits
  CHECK(d[3].column == 20);
  CHECK(d[4].column == 23);
  for (const auto& diag : d) CHECK(diag.rule == rule::bad_entity);

  d = diagnose("<v Tom & Jerry>x\n<c.a b&c>y</c>");  // also inside annotations
  REQUIRE(d.size() == 2);
  CHECK(d[0].line == 1);
  CHECK(d[0].column == 8);
  CHECK(d[1].line == 2);
  CHECK(d[1].column == 7);

  d = diagnose("<foo &bar>");  // tag first, then the reference inside it
  REQUIRE(d.size() == 2);
  CHECK(d[0].rule == rule::bad_tag);
  CHECK(d[1].rule == rule::bad_entity);
  CHECK(d[1].column == 6);
}

TEST_CASE("summarize_cue_text: diagnostics do not change the summary", "[cue_text][summary]") {
  const std::string_view input = "<v.x  Ann  Lee >a &amp b <foo>c</i>\n<b>d";
  cue_text_summary with_sink;
  CHECK(diagnose(input, 1, &with_sink).size() == 4);
  const cue_text_summary without = summarize(input);
  CHECK(with_sink.plain == without.plain);
  CHECK(with_sink.plain == "a & b c\nd");
  CHECK(with_sink.speaker == "Ann Lee");
  CHECK(without.speaker == "Ann Lee");

  const vttkit::diagnostic_sink empty;  // an empty sink counts as none
  cue_text_summary s;
  summarize_cue_text(input, s, 1, &empty);
  CHECK(s.plain == without.plain);
}

TEST_CASE("summarize_cue_text: a sink may summarize other cue text", "[cue_text][summary]") {
  // The checker borrows a per-thread stack; a nested call from the sink must not disturb it.
  std::vector<diagnostic> outer;
  std::size_t inner_reports = 0;
  const vttkit::diagnostic_sink inner_sink = [&](const diagnostic&) { ++inner_reports; };
  const vttkit::diagnostic_sink sink = [&](const diagnostic& d) {
    outer.push_back(d);
    cue_text_summary inner;
    summarize_cue_text("<u><c>x</c></i>", inner, 1, &inner_sink);
  };
  cue_text_summary s;
  summarize_cue_text("<b><i><foo></i>x", s, 1, &sink);
  REQUIRE(outer.size() == 2);  // <foo>, then the unclosed <b>
  CHECK(outer[0].column == 7);
  CHECK(outer[1].column == 1);
  CHECK(inner_reports == 4);  // each nested call: the stray </i> and the unclosed <u>
  CHECK(s.plain == "x");
}

TEST_CASE("summarize_cue_text survives 200,000 nested tags", "[cue_text][summary]") {
  constexpr std::size_t depth = 200'000;
  const std::string closed = repeat("<b>", depth) + "x" + repeat("</b>", depth);
  cue_text_summary s;
  CHECK(diagnose(closed, 1, &s).empty());
  CHECK(s.plain == "x");

  const std::string open = repeat("<b>", depth) + "y";
  const auto d = diagnose(open, 1, &s);
  CHECK(s.plain == "y");
  REQUIRE(d.size() == depth);  // every <b> is unclosed
  CHECK(d.front().column == 1);
  CHECK(d.back().column == 3 * (depth - 1) + 1);
  CHECK(summarize(open).plain == "y");
}

// ---- append_escaped_cue_text ----

TEST_CASE("append_escaped_cue_text escapes & < >", "[cue_text]") {
  std::string out = "x:";
  vttkit::append_escaped_cue_text(out, "a<b>&c \"d\" 'e'");
  CHECK(out == "x:a&lt;b&gt;&amp;c \"d\" 'e'");

  out.clear();
  vttkit::append_escaped_cue_text(out, "");
  CHECK(out.empty());

  const std::string_view tricky = "<v Joe> &amp; </i> &notit; 1 < 2 > 0";
  out.clear();
  vttkit::append_escaped_cue_text(out, tricky);
  CHECK(summarize(out).plain == tricky);  // escaping round-trips through the parser
  CHECK(diagnose(out).empty());
}

namespace {

/// What the tree says a summary should be: its text nodes joined, the first voice's annotation.
struct tree_summary {
  std::string plain;
  std::string speaker;
  bool voice = false;
};

tree_summary from_tree(std::string_view payload) {
  tree_summary t;
  for (const auto& n : vttkit::parse_cue_text(payload).nodes) {
    if (n.kind == vttkit::node_kind::text) t.plain += n.value;
    if (n.kind == vttkit::node_kind::voice && !t.voice) {
      t.voice = true;
      t.speaker = n.value;
    }
  }
  return t;
}

}  // namespace

TEST_CASE("summarize agrees with the tree on voice-first payloads (fast path and slow path)", "[cue_text][summary]") {
  // `<v NAME>text` with plain NAME and text takes a shortcut; everything else the full
  // tokenizer. Both must give what the tree gives.
  const std::vector<std::string> payloads = {"<v Speaker 1>Hello there",
                                             "<v A B C>x",
                                             "<v A  B>two spaces",
                                             "<v  A>leading",
                                             "<v A >trailing",
                                             "<v A\tB>tab",
                                             "<v A>x &amp; y",
                                             "<v A>x <i>y</i>",
                                             "<v A&amp;B>ref in name",
                                             "<v>no name",
                                             "<v A>",
                                             "<v A>line one\nline two",
                                             "<v.loud A>class",
                                             "<v A>tail > gt",
                                             "<v A><b>x</b>"};
  for (const auto& p : payloads) {
    INFO(p);
    vttkit::cue_text_summary sum;
    vttkit::summarize_cue_text(p, sum);
    const auto [plain, speaker, voice] = from_tree(p);
    CHECK(sum.plain == plain);
    CHECK(sum.speaker == speaker);
    CHECK(sum.has_voice == voice);
    // With diagnostics asked for: the same summary (the shortcut is taken there too).
    std::vector<vttkit::diagnostic> found;
    const vttkit::diagnostic_sink sink = [&found](const vttkit::diagnostic& d) { found.push_back(d); };
    vttkit::cue_text_summary checked;
    vttkit::summarize_cue_text(p, checked, 1, &sink);
    CHECK(checked.plain == plain);
    CHECK(checked.speaker == speaker);
  }
  // Shortcut shapes have nothing to report.
  for (const char* p : {"<v Speaker 1>Hello there", "<v A B C>x", "<v A>line one\nline two", "<v A>"}) {
    INFO(p);
    CHECK(diagnose(p).empty());
  }
}

TEST_CASE("summarize_cue_text: a reused summary follows each cue's speaker", "[cue_text][summary]") {
  vttkit::cue_text_summary sum;
  for (const auto& [payload, speaker] : std::vector<std::pair<std::string, std::string>>{{"<v Bob>one", "Bob"},
                                                                                         {"<v Al>two", "Al"},
                                                                                         {"<v Al>three", "Al"},
                                                                                         {"plain", ""},
                                                                                         {"<v Al>four", "Al"},
                                                                                         {"<v A&amp;B>five", "A&B"},
                                                                                         {"<v Al>six", "Al"}}) {
    INFO(payload);
    vttkit::summarize_cue_text(payload, sum);
    CHECK(sum.speaker == speaker);
  }
}

TEST_CASE("summarize agrees with the tree on random voice payloads of every length", "[cue_text][summary]") {
  // Names and texts of 0-30 bytes from an alphabet of the bytes the shortcut must notice, so
  // both its 16-byte and its byte-at-a-time checks meet every case at every position.
  std::mt19937 rng{7};
  const std::string alphabet = std::string("ab  \t&<>;\x01\x0B\r\n", 14) + std::string(1, '\0') + "\xC3\xA9xyz";
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  auto random_text = [&](std::size_t max) {
    std::string s;
    for (std::size_t i = pick(max + 1); i > 0; --i) s += pick(3) == 0 ? alphabet[pick(alphabet.size())] : 'w';
    return s;
  };
  for (int round = 0; round < 20000; ++round) {
    const std::string payload = "<v " + random_text(30) + ">" + random_text(30);
    INFO(payload);
    vttkit::cue_text_summary sum;
    sum.speaker = "left over";  // a reused summary: the speaker is replaced or kept correctly
    vttkit::summarize_cue_text(payload, sum);
    const auto [plain, speaker, voice] = from_tree(payload);
    REQUIRE(sum.plain == plain);
    REQUIRE(sum.speaker == speaker);
    REQUIRE(sum.has_voice == voice);
  }
}

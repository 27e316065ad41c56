// The writers: each output format on small documents whose output was worked out by hand.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <vttkit/parse.hpp>
#include <vttkit/write.hpp>

#include "text/json.hpp"

namespace {

std::string convert(const std::string& input, vttkit::output_format f,
                    vttkit::speaker_labels labels = vttkit::speaker_labels::change) {
  const auto r = vttkit::parse(input);
  return vttkit::write_document(r.document, {f, labels});
}

const std::string sample =
    "WEBVTT - Night Shift\n\n"
    "0:00:01.000 --> 0:00:02.500\n<v Ann>Hello &amp; welcome\n\n"
    "NOTE between cues\n\n"
    "intro\n00:00:02.500 --> 00:00:04.000 align:start\n<v Ann>to the <i>show</i>.\n\n"
    "00:00:04.000 --> 00:00:05.000\n<v Bo>Thanks \"Ann\"\\\n\n"
    "00:00:05.000 --> 00:00:06.250\nNo voice here.\n";

}  // namespace

TEST_CASE("vtt output is canonical and keeps blocks and payloads", "[write][vtt]") {
  CHECK(convert(sample, vttkit::output_format::vtt) ==
        "WEBVTT - Night Shift\n\n"
        "00:00:01.000 --> 00:00:02.500\n<v Ann>Hello &amp; welcome\n\n"
        "NOTE between cues\n\n"
        "intro\n00:00:02.500 --> 00:00:04.000 align:start\n<v Ann>to the <i>show</i>.\n\n"
        "00:00:04.000 --> 00:00:05.000\n<v Bo>Thanks \"Ann\"\\\n\n"
        "00:00:05.000 --> 00:00:06.250\nNo voice here.\n");
}

TEST_CASE("vtt output parses back to the same document", "[write][vtt]") {
  const auto first = vttkit::parse(sample).document;
  const auto again = vttkit::parse(vttkit::write_document(first, {})).document;
  REQUIRE(again.cues.size() == first.cues.size());
  for (std::size_t i = 0; i < first.cues.size(); ++i) {
    CHECK(again.cues[i].payload == first.cues[i].payload);
    CHECK(again.cues[i].start == first.cues[i].start);
    CHECK(again.cues[i].settings == first.cues[i].settings);
  }
  CHECK(again.header.title == first.header.title);
  CHECK(again.blocks.size() == 1);
}

TEST_CASE("srt output: numbered, comma times, b/i/u kept, speaker on change", "[write][srt]") {
  CHECK(convert(sample, vttkit::output_format::srt) ==
        "1\n00:00:01,000 --> 00:00:02,500\nAnn: Hello & welcome\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\nto the <i>show</i>.\n\n"
        "3\n00:00:04,000 --> 00:00:05,000\nBo: Thanks \"Ann\"\\\n\n"
        "4\n00:00:05,000 --> 00:00:06,250\nNo voice here.\n");
  CHECK(convert(sample, vttkit::output_format::srt, vttkit::speaker_labels::every)
            .find("2\n00:00:02,500 --> 00:00:04,000\nAnn: to the") != std::string::npos);
  CHECK(convert(sample, vttkit::output_format::srt, vttkit::speaker_labels::none).find("Ann:") == std::string::npos);
}

TEST_CASE("srt output drops markup other than b, i, u", "[write][srt]") {
  const auto out = convert(
      "WEBVTT\n\n00:01.000 --> 00:02.000\n<c.loud>Big</c> <b>bold <u>and</u></b> <ruby>漢<rt>kan</rt></ruby>\n",
      vttkit::output_format::srt);
  CHECK(out == "1\n00:00:01,000 --> 00:00:02,000\nBig <b>bold <u>and</u></b> 漢kan\n");
}

TEST_CASE("json output: the documented schema, seconds, escaping", "[write][json]") {
  CHECK(convert(sample, vttkit::output_format::json) ==
        "{\"title\": \"Night Shift\", \"cues\": [\n"
        "{\"id\": \"\", \"start\": 1, \"end\": 2.5, \"speaker\": \"Ann\", \"text\": \"Hello & welcome\", "
        "\"raw\": \"<v Ann>Hello &amp; welcome\", \"settings\": {}},\n"
        "{\"id\": \"intro\", \"start\": 2.5, \"end\": 4, \"speaker\": \"Ann\", \"text\": \"to the show.\", "
        "\"raw\": \"<v Ann>to the <i>show</i>.\", \"settings\": {\"align\": \"start\"}},\n"
        "{\"id\": \"\", \"start\": 4, \"end\": 5, \"speaker\": \"Bo\", \"text\": \"Thanks \\\"Ann\\\"\\\\\", "
        "\"raw\": \"<v Bo>Thanks \\\"Ann\\\"\\\\\", \"settings\": {}},\n"
        "{\"id\": \"\", \"start\": 5, \"end\": 6.25, \"speaker\": null, \"text\": \"No voice here.\", "
        "\"raw\": \"No voice here.\", \"settings\": {}}\n"
        "]}\n");
  CHECK(convert("WEBVTT\n", vttkit::output_format::json) == "{\"title\": null, \"cues\": []}\n");
}

TEST_CASE("json escapes control characters and keeps UTF-8", "[write][json]") {
  const auto out = convert("WEBVTT\n\n00:01.000 --> 00:02.000\na\tb\x01 é\nline2\n", vttkit::output_format::jsonl);
  CHECK(out.find("\"text\": \"a\\tb\\u0001 é\\nline2\"") != std::string::npos);
  CHECK(out.back() == '\n');
  CHECK(std::count(out.begin(), out.end(), '\n') == 1);
}

TEST_CASE("md output: one paragraph per turn, escaped", "[write][md]") {
  CHECK(convert(sample, vttkit::output_format::md) ==
        "# Night Shift\n\n"
        "**Ann** [00:00:01] Hello & welcome to the show.\n\n"
        "**Bo** [00:00:04] Thanks \"Ann\"\\\\\n\n"
        "[00:00:05] No voice here.\n");
  const auto esc = convert("WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>*bold* _x_ `c` [l] &lt;t&gt; #h\n",
                           vttkit::output_format::md);
  CHECK(esc == "**A** [00:00:01] \\*bold\\* \\_x\\_ \\`c\\` \\[l\\] \\<t\\> \\#h\n");
}

TEST_CASE("txt output: paragraphs per turn, labels per mode", "[write][txt]") {
  CHECK(convert(sample, vttkit::output_format::txt) ==
        "Ann: Hello & welcome to the show.\n\nBo: Thanks \"Ann\"\\\n\nNo voice here.\n");
  CHECK(convert(sample, vttkit::output_format::txt, vttkit::speaker_labels::every) ==
        "Ann: Hello & welcome\nAnn: to the show.\n\nBo: Thanks \"Ann\"\\\n\nNo voice here.\n");
  CHECK(convert(sample, vttkit::output_format::txt, vttkit::speaker_labels::none) ==
        "Hello & welcome to the show.\n\nThanks \"Ann\"\\\n\nNo voice here.\n");
}

TEST_CASE("podcast-json output: Podcasting 2.0 segments", "[write][podcast]") {
  const auto out = convert("WEBVTT\n\n00:01.000 --> 00:02.500\n<v Ann>Hi\nthere\n\n00:03.000 --> 00:04.000\nSolo\n",
                           vttkit::output_format::podcast_json);
  CHECK(out ==
        "{\"version\": \"1.0.0\", \"segments\": [\n"
        "{\"speaker\": \"Ann\", \"startTime\": 1, \"endTime\": 2.5, \"body\": \"Hi there\"},\n"
        "{\"startTime\": 3, \"endTime\": 4, \"body\": \"Solo\"}\n"
        "]}\n");
}

TEST_CASE("format names round-trip", "[write]") {
  for (auto f : {vttkit::output_format::vtt, vttkit::output_format::srt, vttkit::output_format::json,
                 vttkit::output_format::jsonl, vttkit::output_format::md, vttkit::output_format::txt,
                 vttkit::output_format::podcast_json})
    CHECK(vttkit::parse_output_format(vttkit::to_string(f)) == f);
  CHECK_FALSE(vttkit::parse_output_format("docx").has_value());
  CHECK(vttkit::file_extension(vttkit::output_format::podcast_json) == "json");
}

TEST_CASE("md and txt collapse white space and drop it at the ends", "[write][md][txt]") {
  const std::string in = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>  two   spaces\n  and_lines  \n";
  CHECK(convert(in, vttkit::output_format::md) == "**A** [00:00:01] two spaces and\\_lines\n");
  CHECK(convert(in, vttkit::output_format::txt) == "A: two spaces and_lines\n");
}

TEST_CASE("md and txt join CJK cues and lines with nothing, spaces with the pause U+3000", "[write][md][txt]") {
  // Between two characters of Chinese or Japanese: nothing at a cue boundary or line break
  // (a line may be wrapped at a width), the pause U+3000 for spaces in the text (but nothing
  // next to a mark, 、 。); a space next to Latin.
  const std::string in =
      "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>我们今天\n去看电影\n\n"
      "00:02.000 --> 00:03.000\n<v A>然后一起回家。\n\n00:03.000 --> 00:04.000\n<v A>はい、\nそう  です\n\n"
      "00:04.000 --> 00:05.000\n<v A>OK\n";
  const std::string text = "我们今天去看电影然后一起回家。はい、そう\u3000です OK";
  CHECK(convert(in, vttkit::output_format::txt) == "A: " + text + "\n");
  CHECK(convert(in, vttkit::output_format::md) == "**A** [00:00:01] " + text + "\n");
}

TEST_CASE("json escaping is right at every position of long text", "[write][json]") {
  // Special characters at each offset of a 40-byte text, among multi-byte UTF-8 (which stays).
  for (std::size_t at = 0; at < 40; ++at) {
    for (const char* special : {"\"", "\\", "\x01", "\x1f"}) {
      std::string text(40, 'a');
      text.replace(3, 2, "\xC3\xA9");  // é stays as UTF-8
      text[at] = special[0];
      if (at == 3 || at == 4) continue;  // keep the é intact
      vttkit::document doc;
      doc.cues.push_back({});
      doc.cues[0].text = text;
      const auto out = vttkit::write_document(doc, {vttkit::output_format::jsonl});
      std::string want = text.substr(0, at);
      const char c = special[0];
      want += c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\x01' ? "\\u0001" : "\\u001f";
      want += text.substr(at + 1);
      INFO(at);
      CHECK(out.find("\"text\": \"" + want + "\"") != std::string::npos);
    }
  }
}

namespace {

std::string json_string(std::string_view s) {
  std::string out;
  vttkit::detail::append_json_string(out, s);
  return out;
}

}  // namespace

TEST_CASE("json strings: invalid UTF-8 becomes \\ufffd, valid UTF-8 stays", "[write][json]") {
  CHECK(json_string("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8E\x99") == "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x8E\x99\"");
  CHECK(json_string("a\xFF"
                    "b") == "\"a\\ufffdb\"");
  CHECK(json_string("\xC3") == "\"\\ufffd\"");  // cut short at the end
  CHECK(json_string("\xE2\x82"
                    "x") == "\"\\ufffd\\ufffdx\"");                              // one per byte
  CHECK(json_string("\xC0\xAF") == "\"\\ufffd\\ufffd\"");                        // overlong '/'
  CHECK(json_string("\xED\xA0\x80") == "\"\\ufffd\\ufffd\\ufffd\"");             // a surrogate
  CHECK(json_string("\xF4\x90\x80\x80") == "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");  // above U+10FFFF
  CHECK(json_string("\x80 \xBF") == "\"\\ufffd \\ufffd\"");                      // lone continuation bytes
}

TEST_CASE("json strings: control characters and DEL are escaped", "[write][json]") {
  CHECK(json_string(std::string_view("\0\x1B[1m\x7F\b\f\r\n\t", 11)) == "\"\\u0000\\u001b[1m\\u007f\\b\\f\\r\\n\\t\"");
  CHECK(json_string("") == "\"\"");
  CHECK(json_string("plain text, nothing to escape") == "\"plain text, nothing to escape\"");
}

TEST_CASE("json strings: each special byte found at every position of long text", "[write][json]") {
  // Every offset of a 40-byte text covers the 16-byte, 8-byte and single-byte steps.
  for (std::size_t at = 0; at < 40; ++at) {
    const std::string before(at, 'a'), after(39 - at, 'z');
    INFO(at);
    CHECK(json_string(before + "\x7F" + after) == "\"" + before + "\\u007f" + after + "\"");
    CHECK(json_string(before + "\xFF" + after) == "\"" + before + "\\ufffd" + after + "\"");
    CHECK(json_string(before + "\x1F" + after) == "\"" + before + "\\u001f" + after + "\"");
    CHECK(json_string(before + "\xC3\xA9" + after) == "\"" + before + "\xC3\xA9" + after + "\"");
    CHECK(json_string(before + "\xE2\x82\xAC" + after) == "\"" + before + "\xE2\x82\xAC" + after + "\"");
    CHECK(json_string(before + " ~" + after) == "\"" + before + " ~" + after + "\"");  // 0x20, 0x7E plain
  }
}

TEST_CASE("vtt and srt never write an empty line inside a cue's text", "[write][vtt][srt]") {
  // WebVTT's parser cannot make such a payload, but SubRip input and library callers can; an
  // empty line would end the cue and the rest would be read back as a broken block.
  vttkit::document doc;
  vttkit::cue c;
  c.start = 1000;
  c.end = 2000;
  c.payload = "\nfirst\n\n\nsecond\n";
  c.text = c.payload;
  doc.cues.push_back(c);
  c.start = 3000;
  c.end = 4000;
  c.payload = c.text = "third";
  doc.cues.push_back(c);
  CHECK(vttkit::write_document(doc, {vttkit::output_format::vtt}) ==
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfirst\nsecond\n\n00:00:03.000 --> 00:00:04.000\nthird\n");
  CHECK(vttkit::write_document(doc, {vttkit::output_format::srt}) ==
        "1\n00:00:01,000 --> 00:00:02,000\nfirst\nsecond\n\n2\n00:00:03,000 --> 00:00:04,000\nthird\n");
  // Read back, each is the two cues with the text kept.
  const auto again = vttkit::parse(vttkit::write_document(doc, {vttkit::output_format::vtt})).document;
  REQUIRE(again.cues.size() == 2);
  CHECK(again.cues[0].text == "first\nsecond");
}

TEST_CASE("the format table: a writer, a unique name and an extension for each format", "[write]") {
  std::set<std::string_view> names;
  for (const auto& f : vttkit::output_formats()) {
    INFO(f.name);
    CHECK(f.make != nullptr);
    CHECK(names.insert(f.name).second);
    CHECK_FALSE(f.extension.empty());
    CHECK(vttkit::parse_output_format(f.name) == f.format);
  }
  CHECK(names.size() == 8);
}

TEST_CASE("the sinks: string_sink appends, fd_sink reports a failed write", "[write]") {
  std::string s = "x";
  vttkit::string_sink sink{s};
  CHECK(sink.write("yz"));
  CHECK(s == "xyz");
  vttkit::fd_sink bad{-1};
  CHECK_FALSE(bad.write("data"));
  CHECK_FALSE(bad.error().empty());
  CHECK_FALSE(bad.broken_pipe());
}

// Golden files: every writer on every file of samples/, compared byte for byte with
// tests/golden/<sample>.<format> (reviewed by hand; tests/golden/README.md says how to
// regenerate them after a deliberate change).
namespace {

struct golden_case {
  std::string sample;  // file name in samples/
  const vttkit::output_format_info* format;
  vttkit::speaker_labels labels;
  std::string file;  // file name in tests/golden/
};

std::vector<golden_case> golden_cases() {
  std::vector<golden_case> cases;
  std::set<std::string> samples;  // every file of samples/, in name order
  for (const auto& entry : std::filesystem::directory_iterator(VTTKIT_SAMPLES_DIR))
    samples.insert(entry.path().filename().string());
  for (const auto& name : samples)
    for (const auto& f : vttkit::output_formats())
      cases.push_back({name, &f, vttkit::speaker_labels::change, name + "." + std::string(f.name)});
  for (const auto& f : vttkit::output_formats()) {
    if (f.format != vttkit::output_format::srt && f.format != vttkit::output_format::txt) continue;
    for (auto [labels, name] :
         {std::pair{vttkit::speaker_labels::none, "none"}, {vttkit::speaker_labels::every, "every"}})
      cases.push_back(
          {"podcast.vtt", &f, labels, "podcast.vtt.labels-" + std::string(name) + "." + std::string(f.name)});
  }
  return cases;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string write_sample(const golden_case& g) {
  const auto doc = vttkit::parse(slurp(std::string(VTTKIT_SAMPLES_DIR) + "/" + g.sample)).document;
  return vttkit::write_document(doc, {g.format->format, g.labels});
}

}  // namespace

TEST_CASE("every writer on every sample matches its golden file", "[write][golden]") {
  const auto cases = golden_cases();
  CHECK(cases.size() == 3 * 8 + 4);  // podcast.vtt, messy.vtt, interview.srt
  for (const auto& g : cases) {
    INFO(g.file);
    const auto want = slurp(std::string(VTTKIT_GOLDEN_DIR) + "/" + g.file);
    REQUIRE_FALSE(want.empty());
    CHECK(write_sample(g) == want);
  }
}

// Hidden (not run by the suite): `vttkit_tests "[regenerate-golden]"` rewrites the golden files.
TEST_CASE("regenerate the golden files", "[.][regenerate-golden]") {
  for (const auto& g : golden_cases()) {
    std::ofstream(std::string(VTTKIT_GOLDEN_DIR) + "/" + g.file, std::ios::binary) << write_sample(g);
    SUCCEED(g.file);
  }
}

TEST_CASE("md and txt: a cue without text adds no spaces, lines or paragraphs", "[write][md][txt]") {
  // A's second cue is white space only; the cue at 4 s has no text and no speaker, and starts
  // the turn that "three" continues; B's turn has no text at all.
  const std::string in =
      "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>one\n\n00:02.000 --> 00:03.000\n<v A>  \n\n"
      "00:03.000 --> 00:04.000\n<v A>two\n\n00:04.000 --> 00:05.000\n\n\n00:05.000 --> 00:06.000\nthree\n\n"
      "00:06.000 --> 00:07.000\n<v B> \n\n00:07.000 --> 00:08.000\n<v A>four\n";
  CHECK(convert(in, vttkit::output_format::txt) == "A: one two\n\nthree\n\nA: four\n");
  CHECK(convert(in, vttkit::output_format::txt, vttkit::speaker_labels::every) ==
        "A: one\nA: two\n\nthree\n\nA: four\n");
  CHECK(convert(in, vttkit::output_format::txt, vttkit::speaker_labels::none) == "one two\n\nthree\n\nfour\n");
  CHECK(convert(in, vttkit::output_format::md) ==
        "**A** [00:00:01] one two\n\n[00:00:04] three\n\n**A** [00:00:07] four\n");
  const std::string silent = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v A> \n";
  CHECK(convert(silent, vttkit::output_format::txt).empty());
  CHECK(convert(silent, vttkit::output_format::md).empty());
}

namespace {

vttkit::cue text_cue(std::string speaker, vttkit::millis start, vttkit::millis end, std::string text) {
  vttkit::cue c;
  c.start = start;
  c.end = end;
  c.speaker = std::move(speaker);
  c.text = std::move(text);
  c.payload = vttkit::make_payload(c.speaker, c.text);
  return c;
}

}  // namespace

TEST_CASE("paragraph_breaker: turns, pauses, the cap and sentence ends", "[write][paragraph]") {
  vttkit::paragraph_options options;
  options.gap = 2000;
  options.max_chars = 30;
  options.sentence_chars = 15;
  vttkit::paragraph_breaker p{options};
  const auto step = [&p](const vttkit::cue& c) {
    const auto s = p.next(c, c.text);
    return std::string(s.turn ? "T" : "-") + (s.paragraph ? "P" : "-");
  };
  CHECK(step(text_cue("", 0, 1000, "Hello there.")) == "TP");         // 12 characters
  CHECK(step(text_cue("", 1500, 2000, "How are you")) == "--");       // 24: no sentence end before
  CHECK(step(text_cue("", 2100, 3000, "today")) == "--");             // 30: at the cap, not past it
  CHECK(step(text_cue("", 3000, 4000, "Fine.")) == "-P");             // 36 would be past it
  CHECK(step(text_cue("", 6500, 7000, "Late.")) == "-P");             // a pause of 2.5 s
  CHECK(step(text_cue("", 7000, 8000, " \n")) == "--");               // no text: no part
  CHECK(step(text_cue("", 8000, 9000, "Then more words.")) == "--");  // 22, 600-rule: 5 < 15
  CHECK(step(text_cue("", 9000, 9500, "Next.")) == "-P");             // 22 >= 15 after a sentence end
  CHECK(step(text_cue("B", 9500, 10000, "Hi.")) == "TP");
  CHECK(step(text_cue("B", 12000, 13000, "Yo.")) == "--");    // a pause of exactly 2 s
  CHECK(step(text_cue("B", 12500, 14000, "Over.")) == "--");  // an overlap is no pause
  CHECK(step(text_cue("B", 20000, 21000, "Far.")) == "--");   // a voiced turn is not cut
  // Word timings tell when the speech of a cue held on screen ended: its last word starts
  // at 1.3 s and lasts at most a second, so 4.5 s is a pause of 2.2 s (roll-up captions).
  vttkit::paragraph_breaker rolled{vttkit::paragraph_options{}};
  const auto rolled_step = [&rolled](const vttkit::cue& c) { return rolled.next(c, c.text).paragraph; };
  auto held = text_cue("", 1000, 4500, "We left at dawn");
  held.words = {{"We", 1000, 1200}, {"left", 1200, 1300}, {"at", 1300, 1300}, {"dawn", 1300, 4500}};
  CHECK(rolled_step(held));
  CHECK(rolled_step(text_cue("", 4500, 5000, "and came back.")));  // after a pause
  held.start = 5000;
  held.end = 8000;
  held.words = {{"We", 5000, 5400}, {"left", 5400, 6000}, {"at", 6000, 6200}, {"dawn", 6200, 8000}};
  CHECK_FALSE(rolled_step(held));                              // right after the cue before
  CHECK_FALSE(rolled_step(text_cue("", 8000, 9000, "Late")));  // 7.2 s + 0.8 s: no pause
  options.cut_voiced_turns = true;
  vttkit::paragraph_breaker voiced{options};
  CHECK(voiced.next(text_cue("B", 0, 1000, "Near."), "Near.").paragraph);
  CHECK(voiced.next(text_cue("B", 4000, 5000, "Far."), "Far.").paragraph);
}

TEST_CASE("md and txt cut a turn without a speaker into paragraphs, each md one with its time", "[write][paragraph]") {
  vttkit::document doc;
  doc.cues = {text_cue("A", 0, 1000, "One two."), text_cue("A", 5000, 6000, "Three."),
              text_cue("B", 6000, 7000, "Four."), text_cue("", 7000, 8000, "Five."),
              text_cue("", 12000, 13000, "Six.")};
  // A voiced turn stays one paragraph led by its speaker; the turn without one is cut at the
  // 4 s pause.
  vttkit::write_options md{vttkit::output_format::md};
  CHECK(vttkit::write_document(doc, md) ==
        "**A** [00:00:00] One two. Three.\n\n**B** [00:00:06] Four.\n\n[00:00:07] Five.\n\n[00:00:12] Six.\n");
  vttkit::write_options txt{vttkit::output_format::txt};
  CHECK(vttkit::write_document(doc, txt) == "A: One two. Three.\n\nB: Four.\n\nFive.\n\nSix.\n");
  txt.paragraphs.gap = 5000;  // no pause is longer now
  CHECK(vttkit::write_document(doc, txt) == "A: One two. Three.\n\nB: Four.\n\nFive. Six.\n");
  // Asked to, the writers cut voiced turns too; the name leads only the turn's first paragraph.
  md.paragraphs.cut_voiced_turns = true;
  CHECK(vttkit::write_document(doc, md) ==
        "**A** [00:00:00] One two.\n\n[00:00:05] Three.\n\n**B** [00:00:06] Four.\n\n[00:00:07] Five.\n\n"
        "[00:00:12] Six.\n");
}

TEST_CASE("a file without voices gives paragraphs of at most the cap", "[write][paragraph]") {
  // 300 cues 0.3 s apart, a sentence end on every third: one turn.
  vttkit::document doc;
  for (int i = 0; i < 300; ++i) {
    const std::string text = i % 3 == 2 ? "and that is where the sentence ends."
                                        : "words words words words words words w";
    doc.cues.push_back(text_cue("", i * 3000, i * 3000 + 2700, text));
  }
  const std::string md = vttkit::write_document(doc, {vttkit::output_format::md});
  std::size_t paragraphs = 0;
  for (std::size_t at = 0; at < md.size();) {
    std::size_t end = md.find("\n\n", at);
    if (end == std::string::npos) end = md.size() - 1;
    const std::string paragraph = md.substr(at, end - at);
    INFO(paragraph);
    CHECK(paragraph.starts_with("[00:"));
    CHECK(paragraph.size() - 11 <= 1000);  // "[HH:MM:SS] " before the text
    CHECK(paragraph.ends_with("ends."));   // each ends at a sentence end
    ++paragraphs;
    at = end + 2;
  }
  // Cues of 37, 37 and 36 characters: 15 cues hold 564 characters with their spaces, 18 hold
  // 677, past 600 and at a sentence end: 16 paragraphs of 18 cues and one of the last 12.
  CHECK(paragraphs == 300 / 18 + 1);
}

TEST_CASE("drop_sound_tags leaves out bracketed sound tags only", "[write][paragraph]") {
  CHECK(vttkit::drop_sound_tags("Sit down. [door slams] Who is it?") == "Sit down. Who is it?");
  CHECK(vttkit::drop_sound_tags("(laughs) Okay.") == "Okay.");
  CHECK(vttkit::drop_sound_tags("Fine.\n(laughs)") == "Fine.");
  CHECK(vttkit::drop_sound_tags("[music]").empty());
  CHECK(vttkit::drop_sound_tags("a[b] c") == "a[b] c");                            // not at a word's start
  CHECK(vttkit::drop_sound_tags("(see figure 3.5) ok") == "(see figure 3.5) ok");  // a sentence mark inside
  CHECK(vttkit::drop_sound_tags("[unclosed bracket") == "[unclosed bracket");
  CHECK(vttkit::drop_sound_tags("(laughs)ok") == "(laughs)ok");  // no space after it
  // Parentheses are often text: only a tag standing apart (at the start or end, or after a
  // sentence end) of at most three words is a sound.
  CHECK(vttkit::drop_sound_tags("Fine. (laughs) Okay.") == "Fine. Okay.");
  CHECK(vttkit::drop_sound_tags("Okay (door slams)") == "Okay");
  CHECK(vttkit::drop_sound_tags("the player does not (fully) support it") == "the player does not (fully) support it");
  CHECK(vttkit::drop_sound_tags("I was (laughs) there") == "I was (laughs) there");
  CHECK(vttkit::drop_sound_tags("(The second position is ignored)") == "(The second position is ignored)");
  CHECK(vttkit::drop_sound_tags("He said [sighs] no.") == "He said no.");  // square brackets anywhere
}

TEST_CASE("drop_sound_tags keeps a speaker's label in brackets", "[write][paragraph]") {
  // Subtitles for the deaf label speakers as "[Name] words"; a label is no sound.
  CHECK(vttkit::drop_sound_tags("[Alba] Where were you?") == "[Alba] Where were you?");
  CHECK(vttkit::drop_sound_tags("- [ALBA] Hi.\n- [Dr. Lima] Hello.") == "- [ALBA] Hi. - [Dr. Lima] Hello.");
  CHECK(vttkit::drop_sound_tags("[SPEAKER 2] Yes. [door slams] What?") == "[SPEAKER 2] Yes. What?");
  CHECK(vttkit::drop_sound_tags("[李明] 你好") == "[李明] 你好");  // a script without case
  // Sounds written like names: the words of sound tags, in any case and several languages.
  CHECK(vttkit::drop_sound_tags("[Music] la la") == "la la");
  CHECK(vttkit::drop_sound_tags("[APPLAUSE] Thank you.") == "Thank you.");
  CHECK(vttkit::drop_sound_tags("[Música] hola") == "hola");
  CHECK(vttkit::drop_sound_tags("[Phone Rings] Hello?") == "Hello?");
  CHECK(vttkit::drop_sound_tags("[BLANK_AUDIO] so") == "so");
  CHECK(vttkit::drop_sound_tags("[DOG BARKING] Down, boy.") == "Down, boy.");
  CHECK(vttkit::drop_sound_tags("[On TV] The news.") == "The news.");
  CHECK(vttkit::drop_sound_tags("[音楽] はい") == "はい");
  // A label needs words after it; a lower-case word or punctuation makes a sound.
  CHECK(vttkit::drop_sound_tags("Who is it? [Alba]") == "Who is it?");
  CHECK(vttkit::drop_sound_tags("[Door slams] Who?") == "Who?");
  CHECK(vttkit::drop_sound_tags("[Sighs, Alba] ok") == "ok");
  CHECK(vttkit::drop_sound_tags("[One Two Three Four Five] ok") == "ok");  // more than four words
}

TEST_CASE("drop-sounds: md and txt leave sound tags out, and a cue of nothing else", "[write][paragraph]") {
  vttkit::document doc;
  doc.cues = {text_cue("A", 0, 1000, "[music]"), text_cue("A", 1000, 2000, "Hello. (laughs) Right."),
              text_cue("", 2000, 3000, "(applause)")};
  vttkit::write_options md{vttkit::output_format::md};
  md.drop_sounds = true;
  // The turn's time is still its first cue's, though that cue wrote nothing.
  CHECK(vttkit::write_document(doc, md) == "**A** [00:00:00] Hello. Right.\n");
  vttkit::write_options txt{vttkit::output_format::txt};
  txt.drop_sounds = true;
  CHECK(vttkit::write_document(doc, txt) == "A: Hello. Right.\n");
  txt.drop_sounds = false;
  CHECK(vttkit::write_document(doc, txt) == "A: [music] Hello. (laughs) Right.\n\n(applause)\n");
}

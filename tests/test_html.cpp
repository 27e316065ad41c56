// --to html (docs/formats.md, "HTML"): the page's language, escaping, turns and audio links.
#include <catch2/catch.hpp>

#include <string>

#include <vttkit/parse.hpp>
#include <vttkit/write.hpp>

namespace {

const std::string input =
    "WEBVTT - A <b>&\nLanguage: pt-BR\n\n"
    "00:01.000 --> 00:02.000\n<v Ann>1 &lt; 2 &amp; \"x\"\n\n"
    "00:02.000 --> 00:03.000\n<v Ann>more\n\n"
    "00:03.000 --> 00:04.500\n<v Bo>bye\n";

std::string page(const std::string& audio = "") {
  vttkit::write_options o;
  o.format = vttkit::output_format::html;
  o.audio = audio;
  return vttkit::write_document(vttkit::parse(input).document, o);
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto i = s.find(what); i != std::string::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("html: language, title and text escaped", "[write][html]") {
  const auto p = page();
  CHECK(p.starts_with("<!DOCTYPE html>\n<html lang=\"pt-BR\">\n"));
  CHECK(p.find("<title>A &lt;b&gt;&amp;</title>") != std::string::npos);
  CHECK(p.find("<h1>A &lt;b&gt;&amp;</h1>") != std::string::npos);
  CHECK(p.find("<span data-start=\"1.000\" data-end=\"2.000\">1 &lt; 2 &amp; &quot;x&quot;</span>") !=
        std::string::npos);
  // Without a Language: line, no lang; without a title, "Transcript".
  const auto plain = vttkit::write_document(vttkit::parse("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n").document,
                                            {vttkit::output_format::html});
  CHECK(plain.starts_with("<!DOCTYPE html>\n<html>\n"));
  CHECK(plain.find("<title>Transcript</title>") != std::string::npos);
}

TEST_CASE("html: one paragraph per turn, the timeline's colours, no script without audio", "[write][html]") {
  const auto p = page();
  CHECK(count(p, "<p class=\"turn\">") == 2);
  CHECK(p.find("<p class=\"turn\"><span class=\"who\" style=\"border-color:#0072B2\">Ann</span> <span "
               "class=\"time\">00:00:01</span> <span data-start=\"1.000\"") != std::string::npos);
  CHECK(p.find("<p class=\"turn\"><span class=\"who\" style=\"border-color:#D55E00\">Bo</span> <span "
               "class=\"time\">00:00:03</span> <span data-start=\"3.000\" data-end=\"4.500\">bye</span></p>") !=
        std::string::npos);
  // Ann spoke 2 of 3.5 seconds, Bo 1.5.
  CHECK(p.find("<span class=\"swatch\" style=\"background:#0072B2\"></span>Ann 57.1%</li>") != std::string::npos);
  CHECK(p.find("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"") != std::string::npos);
  CHECK(p.find("<script") == std::string::npos);
  CHECK(p.find("<audio") == std::string::npos);
}

TEST_CASE("html: --audio adds a player, links that seek it and the script", "[write][html]") {
  const auto p = page("talk.mp3?a=1&b=2");
  CHECK(p.find("<audio id=\"player\" controls preload=\"metadata\" src=\"talk.mp3?a=1&amp;b=2\"></audio>") !=
        std::string::npos);
  CHECK(p.find("<a class=\"time\" href=\"talk.mp3?a=1&amp;b=2#t=3.000\" data-seek=\"3.000\" aria-label=\"Play from "
               "00:00:03\">00:00:03</a>") != std::string::npos);
  CHECK(count(p, "<script>") == 1);
}

TEST_CASE("html: a turn without a speaker is cut at pauses as md cuts it; --drop-sounds", "[write][html]") {
  const std::string voiceless =
      "WEBVTT\n\n00:01.000 --> 00:02.000\nFirst words. [door slams]\n\n"
      "00:02.000 --> 00:03.000\nstill the first.\n\n"
      "00:09.000 --> 00:10.000\nAfter a pause of six seconds.\n";
  vttkit::write_options o;
  o.format = vttkit::output_format::html;
  o.drop_sounds = true;
  const auto out = vttkit::write_document(vttkit::parse(voiceless).document, o);
  CHECK(count(out, "<p class=\"turn\">") == 2);  // as md: a pause over 2 s starts a paragraph
  CHECK(out.find("<span class=\"time\">00:00:01</span> <span data-start=\"1.000\"") != std::string::npos);
  CHECK(out.find("<span class=\"time\">00:00:09</span> <span data-start=\"9.000\"") != std::string::npos);
  CHECK(out.find("door slams") == std::string::npos);
  o.format = vttkit::output_format::md;
  const auto md = vttkit::write_document(vttkit::parse(voiceless).document, o);
  CHECK(md == "[00:00:01] First words. still the first.\n\n[00:00:09] After a pause of six seconds.\n");
}

TEST_CASE("html: cues of CJK text join with nothing", "[write][html]") {
  // As md and txt join them: nothing between two characters at a cue boundary.
  const auto p = vttkit::write_document(vttkit::parse("WEBVTT\n\n00:01.000 --> 00:02.000\n我们今天\n\n"
                                                      "00:02.000 --> 00:03.000\n去看电影。\n\n"
                                                      "00:03.000 --> 00:04.000\n然后\n\n"
                                                      "00:04.000 --> 00:05.000\nOK\n")
                                            .document,
                                        {vttkit::output_format::html});
  CHECK(p.find("<span class=\"time\">00:00:01</span> <span data-start=\"1.000\" data-end=\"2.000\">我们今天</span>"
               "<span data-start=\"2.000\" data-end=\"3.000\">去看电影。</span>"
               "<span data-start=\"3.000\" data-end=\"4.000\">然后</span> "
               "<span data-start=\"4.000\" data-end=\"5.000\">OK</span></p>") != std::string::npos);
}

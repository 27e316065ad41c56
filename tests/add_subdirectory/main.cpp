// Uses vttkit built as a subproject: parse a document and write it as SubRip.
#include <cstdio>

#include <vttkit/vttkit.hpp>

int main() {
  const auto result = vttkit::parse("WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hello.\n");
  const auto srt = vttkit::write_document(result.document, {vttkit::output_format::srt});
  std::fputs(srt.c_str(), stdout);
  return srt == "1\n00:00:01,000 --> 00:00:02,000\nAnn: Hello.\n" ? 0 : 1;
}

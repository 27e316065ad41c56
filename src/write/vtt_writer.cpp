// `--to vtt`: canonical WebVTT. The header with its title, blocks in their place,
// timestamps HH:MM:SS.mmm, LF, one blank line between blocks, payloads byte for byte.
#include "write/cue_lines.hpp"
#include "write/format_writer.hpp"
#include "write/time_text.hpp"
#include "text/ascii.hpp"

namespace vttkit::detail {
namespace {

class vtt_writer final : public format_writer {
 public:
  explicit vtt_writer(const write_options&) {}

  void begin(std::string& out, const header& h) override {
    out += "WEBVTT";
    auto rest = std::string_view(h.signature_text);
    while (!rest.empty() && is_blank(rest.back())) rest.remove_suffix(1);
    if (!rest.empty()) {
      out += rest;
    } else if (h.title) {
      out += " - ";
      out += *h.title;
    }
    out += '\n';
    if (!h.text.empty()) {
      out += h.text;
      out += '\n';
    }
  }

  void write_block(std::string& out, const block& b) override {
    out += '\n';
    out += b.text;
    out += '\n';
  }

  void write_cue(std::string& out, const cue& c) override {
    out += '\n';
    if (!c.id.empty()) {
      out += c.id;
      out += '\n';
    }
    char line[max_timing_length];
    out.append(line, write_timing(line, c.start, c.end, timestamp_style::vtt));
    for (const auto& setting : c.settings) {
      out += ' ';
      out += setting.name;
      out += ':';
      out += setting.value;
    }
    out += '\n';
    const auto text_at = out.size();
    out += c.payload;
    remove_empty_lines(out, text_at);
    if (out.size() > text_at) out += '\n';
  }
};

}  // namespace

std::unique_ptr<format_writer> make_vtt_writer(const write_options& options) {
  return std::make_unique<vtt_writer>(options);
}

}  // namespace vttkit::detail

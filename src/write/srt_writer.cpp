// `--to srt`: SubRip. Numbered from 1, HH:MM:SS,mmm, markup reduced to <b> <i> <u>,
// character references decoded, the speaker shown per `--speaker-labels`.
#include <utility>
#include <vector>

#include <vttkit/cue_text.hpp>

#include "write/cue_lines.hpp"
#include "write/format_writer.hpp"
#include "write/time_text.hpp"
#include "write/turns.hpp"

namespace vttkit::detail {
namespace {

/// True when the payload has a <b>, <i> or <u> tag (open or close): only then is the cue
/// text parsed again; otherwise the plain text is the SubRip text.
bool has_kept_markup(std::string_view payload) noexcept {
  for (std::size_t p = payload.find('<'); p != std::string_view::npos; p = payload.find('<', p + 1)) {
    std::size_t q = p + 1;
    if (q < payload.size() && payload[q] == '/') ++q;
    if (q < payload.size() && (payload[q] == 'b' || payload[q] == 'i' || payload[q] == 'u')) return true;
  }
  return false;
}

/// Appends the cue text with markup reduced to <b> <i> <u>.
void append_srt_text(std::string& out, const cue& c) {
  if (!has_kept_markup(c.payload)) {
    out += c.text;
    return;
  }
  const auto tree = parse_cue_text(c.payload);
  std::vector<std::pair<std::size_t, std::string_view>> open;  // depth, closing tag
  auto close_to = [&](std::size_t depth) {
    while (!open.empty() && open.back().first >= depth) {
      out += open.back().second;
      open.pop_back();
    }
  };
  for (const auto& node : tree.nodes) {
    close_to(node.depth);
    switch (node.kind) {
      case node_kind::text: out += node.value; break;
      case node_kind::italic:
        out += "<i>";
        open.emplace_back(node.depth, "</i>");
        break;
      case node_kind::bold:
        out += "<b>";
        open.emplace_back(node.depth, "</b>");
        break;
      case node_kind::underline:
        out += "<u>";
        open.emplace_back(node.depth, "</u>");
        break;
      default: break;
    }
  }
  close_to(0);
}

class srt_writer final : public format_writer {
 public:
  explicit srt_writer(const write_options& options) : labels_(options.labels) {}

  void write_cue(std::string& out, const cue& c) override {
    const bool starts = turns_.next(c);
    // The blank line, the number and the timing line, assembled and appended at once.
    char line[max_timing_length + 32];
    char num[24];
    char* p = num + sizeof num;
    for (auto n = ++count_; n > 0; n /= 10) *--p = static_cast<char>('0' + n % 10);
    std::size_t k = 0;
    if (count_ > 1) line[k++] = '\n';
    for (; p < num + sizeof num; ++p) line[k++] = *p;
    line[k++] = '\n';
    k += write_timing(line + k, c.start, c.end, timestamp_style::srt);
    line[k++] = '\n';
    out.append(line, k);
    const auto text_at = out.size();
    append_label(out, labels_, c, starts);
    append_srt_text(out, c);
    remove_empty_lines(out, text_at);
    out += '\n';
  }

 private:
  speaker_labels labels_;
  turn_tracker turns_;
  std::size_t count_ = 0;  // cues written
};

}  // namespace

std::unique_ptr<format_writer> make_srt_writer(const write_options& options) {
  return std::make_unique<srt_writer>(options);
}

}  // namespace vttkit::detail

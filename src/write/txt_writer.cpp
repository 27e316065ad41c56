// `--to txt`: a plain transcript. One paragraph per speaker turn, `Speaker: text` (labels per
// `--speaker-labels`; with `every` one line per cue), a blank line between turns. Cues
// without text are left out: a turn of such cues writes no paragraph.
#include "write/format_writer.hpp"
#include "write/one_line.hpp"
#include "write/turns.hpp"

namespace vttkit::detail {
namespace {

class txt_writer final : public format_writer {
 public:
  explicit txt_writer(const write_options& options) : labels_(options.labels) {}

  void write_cue(std::string& out, const cue& c) override {
    if (turns_.next(c)) in_paragraph_ = false;
    if (!has_line_text(c.text)) return;  // a cue without text adds no words, spaces or lines
    const bool first = !in_paragraph_;
    if (!first) out += labels_ == speaker_labels::every ? '\n' : ' ';
    else if (any_) out += "\n\n";
    append_label(out, labels_, c, first);
    append_one_line(out, c.text);
    in_paragraph_ = any_ = true;
  }

  void finish(std::string& out) override {
    if (any_) out += '\n';
  }

 private:
  speaker_labels labels_;
  turn_tracker turns_;
  bool in_paragraph_ = false;  // the current turn's paragraph has text
  bool any_ = false;           // a paragraph written
};

}  // namespace

std::unique_ptr<format_writer> make_txt_writer(const write_options& options) {
  return std::make_unique<txt_writer>(options);
}

}  // namespace vttkit::detail

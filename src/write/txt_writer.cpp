// `--to txt`: a plain transcript. One paragraph per speaker turn, `Speaker: text` (labels per
// `--speaker-labels`; with `every` one line per cue), a blank line between turns.
#include "write/format_writer.hpp"
#include "write/one_line.hpp"
#include "write/turns.hpp"

namespace vttkit::detail {
namespace {

class txt_writer final : public format_writer {
 public:
  explicit txt_writer(const write_options& options) : labels_(options.labels) {}

  void write_cue(std::string& out, const cue& c) override {
    const bool was_open = turns_.open();
    const bool starts = turns_.next(c);
    if (starts && was_open) out += "\n\n";
    else if (!starts) out += labels_ == speaker_labels::every ? '\n' : ' ';
    append_label(out, labels_, c, starts);
    append_one_line(out, c.text);
  }

  void finish(std::string& out) override {
    if (turns_.open()) out += '\n';
  }

 private:
  speaker_labels labels_;
  turn_tracker turns_;
};

}  // namespace

std::unique_ptr<format_writer> make_txt_writer(const write_options& options) {
  return std::make_unique<txt_writer>(options);
}

}  // namespace vttkit::detail

// `--to txt`: a plain transcript. Paragraphs as `paragraph_breaker` cuts them, a blank line
// between them; `Speaker: text` at the start of each turn (labels per `--speaker-labels`; with
// `every` one line per cue, each labelled). Cues without text are left out: a turn of such cues
// writes no paragraph.
#include "write/format_writer.hpp"
#include "write/one_line.hpp"
#include "write/turns.hpp"

namespace vttkit::detail {
namespace {

class txt_writer final : public format_writer {
 public:
  explicit txt_writer(const write_options& options)
      : labels_(options.labels), paragraphs_(options.paragraphs), drop_sounds_(options.drop_sounds) {}

  void write_cue(std::string& out, const cue& c) override {
    if (drop_sounds_) dropped_ = drop_sound_tags(c.text);
    const std::string_view text = drop_sounds_ ? std::string_view(dropped_) : std::string_view(c.text);
    const paragraph_step step = paragraphs_.next(c, text);
    if (step.turn) turn_open_ = false;
    if (!has_line_text(text)) return;  // a cue without text adds no words, spaces or lines
    if (step.paragraph && any_) out += "\n\n";
    else if (!step.paragraph && labels_ == speaker_labels::every) out += '\n';
    else if (!step.paragraph) append_cue_separator(out, previous_, text);
    append_label(out, labels_, c, !turn_open_);
    append_one_line(out, text);
    previous_.assign(text);
    turn_open_ = any_ = true;
  }

  void finish(std::string& out) override {
    if (any_) out += '\n';
  }

 private:
  speaker_labels labels_;
  paragraph_breaker paragraphs_;
  bool drop_sounds_;
  std::string dropped_;     // the text without sound tags, reused
  std::string previous_;    // the text of the cue written last: what the next joins
  bool turn_open_ = false;  // the current turn has text written
  bool any_ = false;        // a paragraph written
};

}  // namespace

std::unique_ptr<format_writer> make_txt_writer(const write_options& options) {
  return std::make_unique<txt_writer>(options);
}

}  // namespace vttkit::detail

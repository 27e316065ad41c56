// `--to podcast-json`: the Podcasting 2.0 JSON transcript, {"version": "1.0.0", "segments":
// [...]}, a segment per cue: speaker (omitted when none), startTime, endTime, body (the plain
// text on one line).
#include "text/json.hpp"
#include "write/format_writer.hpp"
#include "write/one_line.hpp"
#include "write/time_text.hpp"

namespace vttkit::detail {
namespace {

class podcast_json_writer final : public format_writer {
 public:
  explicit podcast_json_writer(const write_options&) {}

  void begin(std::string& out, const header&) override { out += "{\"version\": \"1.0.0\", \"segments\": ["; }

  void write_cue(std::string& out, const cue& c) override {
    out += any_ ? ",\n{" : "\n{";
    any_ = true;
    if (!c.speaker.empty()) {
      out += "\"speaker\": ";
      append_json_string(out, c.speaker);
      out += ", ";
    }
    append_seconds_between(out, "\"startTime\": ", c.start, "");
    append_seconds_between(out, ", \"endTime\": ", c.end, ", \"body\": ");
    body_.clear();
    append_one_line(body_, c.text);
    append_json_string(out, body_);
    out += '}';
  }

  void finish(std::string& out) override { out += any_ ? "\n]}\n" : "]}\n"; }

 private:
  bool any_ = false;  // a cue written
  std::string body_;  // the text on one line, reused
};

}  // namespace

std::unique_ptr<format_writer> make_podcast_json_writer(const write_options& options) {
  return std::make_unique<podcast_json_writer>(options);
}

}  // namespace vttkit::detail

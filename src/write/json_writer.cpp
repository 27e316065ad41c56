// `--to json`: one document, {"title": str or null, "cues": [cue...]} with one cue object
// per line (write/json_cue.hpp).
#include "text/json.hpp"
#include "write/format_writer.hpp"
#include "write/json_cue.hpp"

namespace vttkit::detail {
namespace {

class json_writer final : public format_writer {
 public:
  explicit json_writer(const write_options&) {}

  void begin(std::string& out, const header& h) override {
    out += "{\"title\": ";
    if (h.title) append_json_string(out, *h.title);
    else out += "null";
    out += ", \"cues\": [";
  }

  void write_cue(std::string& out, const cue& c) override {
    out += any_ ? ",\n" : "\n";
    any_ = true;
    append_json_cue(out, c);
  }

  void finish(std::string& out) override { out += any_ ? "\n]}\n" : "]}\n"; }

 private:
  bool any_ = false;  // a cue written
};

}  // namespace

std::unique_ptr<format_writer> make_json_writer(const write_options& options) {
  return std::make_unique<json_writer>(options);
}

}  // namespace vttkit::detail

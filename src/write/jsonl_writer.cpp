// `--to jsonl`: JSON Lines, one cue object per line (write/json_cue.hpp) and nothing else.
#include "write/format_writer.hpp"
#include "write/json_cue.hpp"

namespace vttkit::detail {
namespace {

class jsonl_writer final : public format_writer {
 public:
  explicit jsonl_writer(const write_options&) {}

  void write_cue(std::string& out, const cue& c) override {
    append_json_cue(out, c);
    out += '\n';
  }
};

}  // namespace

std::unique_ptr<format_writer> make_jsonl_writer(const write_options& options) {
  return std::make_unique<jsonl_writer>(options);
}

}  // namespace vttkit::detail

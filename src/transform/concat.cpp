// Inputs joined one after another: `vtt concat` (docs/commands.md).
#include <algorithm>
#include <charconv>

#include <vttkit/transform.hpp>

namespace vttkit {
namespace {

/// A cue id that is a whole number (at most 18 digits), or nothing.
std::optional<unsigned long long> numeric_id(std::string_view id) {
  if (id.empty() || id.size() > 18) return std::nullopt;
  unsigned long long value = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (error != std::errc{} || end != id.data() + id.size()) return std::nullopt;
  return value;
}

}  // namespace

concatenator::concatenator(concat_options options, cue_handler cues, std::function<void(const block&)> blocks,
                           std::function<void(const concat_note&)> notes)
    : options_(std::move(options)), cues_(std::move(cues)), blocks_(std::move(blocks)), notes_(std::move(notes)) {}

void concatenator::begin_input(const header& h) {
  if (input_ > 0) {
    if (!options_.durations.empty()) {
      const std::size_t k = std::min(input_, options_.durations.size());
      offset_ += options_.durations[k - 1] + options_.gap;
    } else {
      offset_ = end_ + options_.gap;
    }
    named_ids_.insert(named_ids_.end(), current_ids_.begin(), current_ids_.end());
    std::sort(named_ids_.begin(), named_ids_.end());
    current_ids_.clear();
  }
  shifter_ = retimer{{.offset = static_cast<double>(offset_)}};
  max_before_ = max_id_;
  id_shift_ = 0;
  shift_decided_ = false;
  if (!first_header_) {
    first_header_ = h;
  } else if (h.text != first_header_->text || h.title != first_header_->title) {
    notes_({input_, 1, "header differs from the first input's: the first input's is kept"});
  }
  ++input_;
}

void concatenator::renumber(cue& c) {
  if (const auto number = numeric_id(c.id)) {
    if (!shift_decided_) {
      shift_decided_ = true;
      if (*number <= max_before_) {
        id_shift_ = max_before_;
        notes_({input_ - 1, c.id_line,
                "cue ids clash with an earlier input's: numbered on from " + std::to_string(max_before_ + 1)});
      }
    }
    auto id = *number + id_shift_;
    if (id <= max_before_) id = max_id_ + 1;  // still a clash: the next free number
    max_id_ = std::max(max_id_, id);
    if (id != *number) c.id = std::to_string(id);
    return;
  }
  if (c.id.empty()) return;
  if (std::binary_search(named_ids_.begin(), named_ids_.end(), c.id)) {
    const std::string renamed = c.id + "-" + std::to_string(input_);
    notes_({input_ - 1, c.id_line, "cue id \"" + c.id + "\" is an earlier input's: renamed \"" + renamed + "\""});
    c.id = renamed;
  }
  current_ids_.push_back(c.id);
}

void concatenator::push(cue& c) {
  if (offset_ != 0) shifter_.apply(c);
  renumber(c);
  end_ = std::max(end_, c.end);
  cues_(c);
}

void concatenator::push(const cue& c) {
  scratch_ = c;  // reuses the scratch cue's strings
  push(scratch_);
}

void concatenator::push(const block& b) {
  if (b.kind == block_kind::note) {
    blocks_(b);
    return;
  }
  if (input_ <= 1) {
    first_blocks_.push_back(b);
    blocks_(b);
    return;
  }
  const auto same = [&b](const block& first) { return first.kind == b.kind && first.text == b.text; };
  if (std::none_of(first_blocks_.begin(), first_blocks_.end(), same)) {
    const char* kind = b.kind == block_kind::style ? "STYLE" : "REGION";
    notes_({input_ - 1, b.line, std::string(kind) + " block differs from the first input's: left out"});
  }
}

}  // namespace vttkit

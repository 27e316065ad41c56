// Test doubles for byte streams: a source that hands out at most `step` bytes per read (to
// exercise every buffer and chunk boundary) and a sink that refuses every write.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

#include <vttkit/sink.hpp>
#include <vttkit/source.hpp>

namespace vtt_test {

class trickle_source final : public vttkit::byte_source {
 public:
  trickle_source(std::string_view bytes, std::size_t step) : bytes_(bytes), step_(step) {}
  std::ptrdiff_t read(char* data, std::size_t size) override {
    const auto n = std::min({size, step_, bytes_.size()});
    std::copy_n(bytes_.data(), n, data);
    bytes_.remove_prefix(n);
    return static_cast<std::ptrdiff_t>(n);
  }

 private:
  std::string_view bytes_;
  std::size_t step_;
};

/// A sink that refuses every write, as a full disk does.
class failing_sink final : public vttkit::byte_sink {
 public:
  bool write(std::string_view) override {
    error_ = "no space left";
    return false;
  }
};

}  // namespace vtt_test

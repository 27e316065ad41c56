// A byte source for tests that hands out at most `step` bytes per read, to exercise every
// buffer and chunk boundary.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

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

}  // namespace vtt_test

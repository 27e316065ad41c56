// What the fuzz targets share: a check that aborts with its place, and a source that hands
// out the input in uneven pieces.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <vttkit/source.hpp>

namespace fuzz_support {

[[noreturn]] inline void check_failed(const char* file, int line, const char* what) {
  std::fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
  std::abort();
}

/// Hands out the input in pieces whose sizes come from the input's own bytes (1 to 61), so
/// that every buffer boundary of the reader is exercised.
class piecewise_source final : public vttkit::byte_source {
 public:
  explicit piecewise_source(std::string_view bytes) noexcept : bytes_(bytes) {}
  std::ptrdiff_t read(char* data, std::size_t size) override {
    if (at_ >= bytes_.size() || size == 0) return 0;
    std::size_t n = 1 + static_cast<unsigned char>(bytes_[(reads_ * 7) % bytes_.size()]) % 61;
    ++reads_;
    n = std::min({n, size, bytes_.size() - at_});
    std::memcpy(data, bytes_.data() + at_, n);
    at_ += n;
    return static_cast<std::ptrdiff_t>(n);
  }

 private:
  std::string_view bytes_;
  std::size_t at_ = 0;
  std::size_t reads_ = 0;
};

}  // namespace fuzz_support

/// Aborts (so libFuzzer keeps the input) when `cond` is false; checked in every build.
#define FUZZ_CHECK(cond) ((cond) ? void(0) : fuzz_support::check_failed(__FILE__, __LINE__, #cond))

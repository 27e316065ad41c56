// Checks that work grows linearly with its input: run at N and 2N, compare the fastest times.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>

#include <catch2/catch.hpp>

namespace vtt_test {

/// Seconds `work(n)` takes (the fastest of three runs).
template <typename Work>
double fastest_seconds(Work&& work, std::size_t n) {
  double best = 1e9;
  for (int run = 0; run < 3; ++run) {
    const auto started = std::chrono::steady_clock::now();
    work(n);
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  return best;
}

/// `work(n)` then `work(2 * n)`: linear work takes about twice as long, quadratic four times;
/// a ratio under 3 passes (with 50 ms of slack for a busy machine at small sizes).
template <typename Work>
void check_linear(Work&& work, std::size_t n) {
  const double small = fastest_seconds(work, n);
  const double large = fastest_seconds(work, 2 * n);
  INFO("n = " << n << ": " << small << " s, 2n: " << large << " s");
  CHECK(large < 3 * small + 0.05);
}

}  // namespace vtt_test

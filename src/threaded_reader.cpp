// A reader that parses ahead on a background thread (see parse.hpp). The parser fills
// batches of events (cues, blocks, diagnostics) that circulate between the two threads and
// are reused, so the steady state allocates nothing: cue objects are swapped, not copied.
#include <vttkit/parse.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace vttkit {
namespace {

constexpr std::size_t batch_events = 2048;
constexpr std::size_t batch_count = 4;

enum class event_kind : std::uint8_t { cue, block, diagnostic };

struct batch {
  std::vector<vttkit::cue> cues;
  std::vector<vttkit::block> blocks;
  std::vector<diagnostic> diagnostics;
  std::vector<std::pair<event_kind, std::size_t>> events;  // kind, index in its vector
  std::size_t n_cues = 0, n_blocks = 0;
  bool last = false;  ///< the parser has finished after this batch

  void clear() {
    events.clear();
    diagnostics.clear();
    n_cues = n_blocks = 0;
    last = false;
  }
};

}  // namespace

struct threaded_reader::impl {
  impl(byte_source& src, parse_options opts) : source(src), options(std::move(opts)) {
    for (auto& b : batches) free.push_back(&b);
  }
  ~impl() {
    {
      std::lock_guard lock{mutex};
      stopping = true;
    }
    changed.notify_all();
    if (worker.joinable()) worker.join();
  }

  byte_source& source;
  parse_options options;
  std::thread worker;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<batch*> full;
  std::vector<batch*> free;
  bool stopping = false;
  batch batches[batch_count];

  // Set by the worker before `header_ready`; read by the caller after.
  bool header_ready = false;
  bool signature = false;
  vttkit::header header;
  input_format format = input_format::automatic;
  std::string read_error;
  std::atomic<std::size_t> bytes{0};

  // The caller's side.
  batch* current = nullptr;
  std::size_t position = 0;
  item_kind kind = item_kind::cue;
  vttkit::cue* cue = nullptr;
  vttkit::block* block = nullptr;
  std::size_t errors = 0;
  bool finished = false;
  bool started = false;

  void start() {
    if (started) return;
    started = true;
    worker = std::thread([this] { run(); });
  }

  batch* take_free() {
    std::unique_lock lock{mutex};
    changed.wait(lock, [&] { return stopping || !free.empty(); });
    if (stopping) return nullptr;
    auto* b = free.back();
    free.pop_back();
    return b;
  }

  void publish(batch* b) {
    {
      std::lock_guard lock{mutex};
      full.push_back(b);
    }
    changed.notify_all();
  }

  void run() {
    batch* b = take_free();
    if (!b) return;
    b->clear();
    parse_options opts = options;
    opts.warnings = options.warnings && static_cast<bool>(options.on_diagnostic);
    opts.on_diagnostic = [&b](const diagnostic& d) {
      b->events.emplace_back(event_kind::diagnostic, b->diagnostics.size());
      b->diagnostics.push_back(d);
    };
    reader r{source, std::move(opts)};
    const bool sig = r.read_header();
    {
      std::lock_guard lock{mutex};
      signature = sig;
      header = r.header();
      format = r.format();
      read_error = r.read_error();
      header_ready = true;
    }
    changed.notify_all();
    bool more = sig;
    while (more) {
      more = r.next();
      if (more) {
        if (r.kind() == item_kind::cue) {
          if (b->n_cues == b->cues.size()) b->cues.emplace_back();
          std::swap(b->cues[b->n_cues], r.cue());  // keeps both strings' capacity
          b->events.emplace_back(event_kind::cue, b->n_cues++);
        } else {
          if (b->n_blocks == b->blocks.size()) b->blocks.emplace_back();
          std::swap(b->blocks[b->n_blocks], r.block());
          b->events.emplace_back(event_kind::block, b->n_blocks++);
        }
      }
      bytes.store(r.bytes_read(), std::memory_order_relaxed);
      if (!more || b->events.size() >= batch_events) {
        if (!more) {
          b->last = true;
          std::lock_guard lock{mutex};
          read_error = r.read_error();
        }
        publish(b);
        if (!more) return;
        b = take_free();
        if (!b) return;
        b->clear();
      }
    }
    b->last = true;  // no signature: hand over the diagnostics (E001)
    publish(b);
  }

  bool wait_header() {
    start();
    std::unique_lock lock{mutex};
    changed.wait(lock, [&] { return header_ready; });
    return signature;
  }

  bool next() {
    wait_header();
    for (;;) {
      if (!current) {
        if (finished) return false;
        std::unique_lock lock{mutex};
        changed.wait(lock, [&] { return !full.empty(); });
        current = full.front();
        full.pop_front();
        position = 0;
      }
      while (position < current->events.size()) {
        const auto [k, index] = current->events[position++];
        if (k == event_kind::diagnostic) {
          const auto& d = current->diagnostics[index];
          if (info(d.rule).severity == severity::error) ++errors;
          if (options.on_diagnostic) options.on_diagnostic(d);
          continue;
        }
        if (k == event_kind::cue) {
          kind = item_kind::cue;
          cue = &current->cues[index];
        } else {
          kind = item_kind::block;
          block = &current->blocks[index];
        }
        return true;
      }
      finished = current->last;
      {
        std::lock_guard lock{mutex};
        free.push_back(current);
      }
      changed.notify_all();
      current = nullptr;
    }
  }
};

threaded_reader::threaded_reader(byte_source& source, parse_options options)
    : impl_(std::make_unique<impl>(source, std::move(options))) {}
threaded_reader::~threaded_reader() = default;

bool threaded_reader::read_header() {
  const bool sig = impl_->wait_header();
  if (!sig) {
    // Deliver the diagnostics (E001) that explain why there is nothing to read.
    while (impl_->next()) {
    }
  }
  return sig;
}
bool threaded_reader::next() { return impl_->next(); }
item_kind threaded_reader::kind() const noexcept { return impl_->kind; }
cue& threaded_reader::cue() noexcept { return *impl_->cue; }
block& threaded_reader::block() noexcept { return *impl_->block; }
const header& threaded_reader::header() const noexcept { return impl_->header; }
input_format threaded_reader::format() const noexcept { return impl_->format; }
bool threaded_reader::has_signature() const noexcept { return impl_->signature; }
std::size_t threaded_reader::error_count() const noexcept { return impl_->errors; }
std::size_t threaded_reader::bytes_read() const noexcept { return impl_->bytes.load(std::memory_order_relaxed); }
const std::string& threaded_reader::read_error() const noexcept { return impl_->read_error; }

}  // namespace vttkit

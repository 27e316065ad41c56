// The data model: cues, the blocks between them, and a whole document.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/timestamp.hpp>

namespace vttkit {

/// A cue setting as written (`line:-1,end` is {"line", "-1,end"}); only settings the
/// W3C algorithm accepts are kept.
struct cue_setting {
  std::string name;
  std::string value;
  friend bool operator==(const cue_setting&, const cue_setting&) = default;
};

/// One word of a cue with its own time, from inline timestamps (`<00:00:01.230>`) in the payload:
/// YouTube's `<c>` word timings, Whisper's word timestamps, karaoke styles.
struct timed_word {
  std::string text;  ///< the word: a maximal run of non-white-space characters of the plain text
  millis start = 0;  ///< the timestamp in effect at its first character (the cue's start before any)
  millis end = 0;    ///< the next word's start; the cue's end for the last word
  friend bool operator==(const timed_word&, const timed_word&) = default;
};

/// One cue.
struct cue {
  std::string id;                     ///< cue identifier ("" when none)
  millis start = 0;                   ///< start time
  millis end = 0;                     ///< end time
  std::vector<cue_setting> settings;  ///< accepted settings, in source order
  std::string payload;                ///< the cue text exactly as the parser stored it (markup included)
  std::string speaker;                ///< voice of the first `<v>` span ("" when none)
  std::string text;                   ///< plain text: tags removed, references decoded, lines kept
  std::size_t line = 0;               ///< 1-based line of the timing line in the source (0 when made up)
  std::size_t id_line = 0;            ///< 1-based line of the id (0 when there is none)
  /// The words of `text` with their times, only when the payload has inline timestamps and the
  /// pipeline's word step ran (`fill_words`); empty otherwise.
  std::vector<timed_word> words;

  [[nodiscard]] millis duration() const noexcept { return end - start; }
  friend bool operator==(const cue&, const cue&) = default;
};

/// Kinds of non-cue blocks kept for lossless output.
enum class block_kind { note, style, region };

/// A NOTE, STYLE or REGION block, kept in its place among the cues.
struct block {
  block_kind kind = block_kind::note;
  std::string text;      ///< the block's lines joined with LF, first line included ("NOTE ...")
  std::size_t line = 0;  ///< 1-based line where the block starts
  friend bool operator==(const block&, const block&) = default;
};

/// The file header: the signature line and any header lines after it.
struct header {
  std::optional<std::string> title;  ///< header text after `WEBVTT`, trimmed, a leading `-` removed
  std::string signature_text;        ///< the rest of the signature line exactly as written
  std::string text;                  ///< header lines after the signature line, joined with LF
  friend bool operator==(const header&, const header&) = default;
};

/// A block together with its position: it comes before cue number `before_cue`.
struct placed_block {
  vttkit::block block;
  std::size_t before_cue = 0;
  friend bool operator==(const placed_block&, const placed_block&) = default;
};

/// A whole document.
struct document {
  vttkit::header header;
  std::vector<cue> cues;
  std::vector<placed_block> blocks;
  friend bool operator==(const document&, const document&) = default;
};

/// Derives the title from the rest of a signature line (" - Title" gives "Title").
[[nodiscard]] std::optional<std::string> title_from_signature(std::string_view signature_text);

}  // namespace vttkit

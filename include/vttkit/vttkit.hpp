// vttkit: the whole public API. Headers in dependency order.
#pragma once

#include <vttkit/version.hpp>
#include <vttkit/timestamp.hpp>
#include <vttkit/diagnostic.hpp>
#include <vttkit/document.hpp>
#include <vttkit/source.hpp>
#include <vttkit/sink.hpp>
#include <vttkit/cue_text.hpp>
#include <vttkit/parse.hpp>
#include <vttkit/transform.hpp>
#include <vttkit/pipeline.hpp>
#include <vttkit/fix.hpp>
#include <vttkit/write.hpp>
#include <vttkit/timeline.hpp>
#include <vttkit/format.hpp>
#include <vttkit/report.hpp>
#include <vttkit/diff.hpp>
#include <vttkit/lint.hpp>

// dpk/status.h — the one error model of dpk's API.
//
// A Status is either OK or an error with a category and a message. The
// category maps to the documented process exit code:
//   kData  -> 1 (bad input under --on-error fail)
//   kUsage -> 2 (unknown option, bad value, missing file)
//   kIo    -> 3 (cannot read or write)
// Per-document problems are values (see Document::reject), not exceptions.
//
//   dpk::StatusOr<int> n = parse_count("12");
//   if (!n.ok()) return n.status();
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace dpk {

enum class StatusCode { kOk = 0, kData = 1, kUsage = 2, kIo = 3 };

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Data(std::string m) { return {StatusCode::kData, std::move(m)}; }
  static Status Usage(std::string m) { return {StatusCode::kUsage, std::move(m)}; }
  static Status Io(std::string m) { return {StatusCode::kIo, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The process exit code this status stands for (0 when ok).
  int exit_code() const { return static_cast<int>(code_); }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(Status s) : v_(std::move(s)) {}  // NOLINT: implicit by design
  StatusOr(T value) : v_(std::move(value)) {}  // NOLINT
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  T& operator*() { return value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace dpk

#define DPK_RETURN_IF_ERROR(expr)          \
  do {                                     \
    ::dpk::Status dpk_status_ = (expr);    \
    if (!dpk_status_.ok()) return dpk_status_; \
  } while (0)

// Minimal JSON writer for tb-cuda's single output document. Hand-rolled because the tool must build with
// nothing but nvcc (no third-party headers), and the document is small and flat.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace tb {

// Device names and cudaGetErrorString texts are ASCII in practice, but a driver could hand us anything:
// escape quotes, backslashes and control bytes so the document always parses.
inline std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

// A measurement that failed or does not apply is NaN inside the tool and null in the document:
// JSON has no NaN, and a made-up 0 would read as a real (terrible) result.
inline std::string jsonNumber(double value) {
  if (!std::isfinite(value)) return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", value);
  // Trim trailing zeros so 12.5000 prints as 12.5 and 3.0000 as 3.
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace tb

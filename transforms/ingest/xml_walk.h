// xml_walk.h — the parts of an office or e-book file, walked as a stream of
// start tags, end tags and text (libxml2's xmlTextReader).
//
// XML parts are read with the network off, no DTD loading and no entity
// expansion; a part with a DOCTYPE is refused outright (no office or e-book
// XML part needs one, and a DTD is where XXE and billion-laughs attacks
// live). XHTML chapters go through libxml2's HTML parser instead (tag soup
// and &nbsp; are common in e-books), walked the same way. The first XmlWalk
// also sets libxml2's external entity loader, process-wide, to one that
// loads nothing.
//
//   dpk::XmlWalk walk;
//   if (!walk.open_xml(bytes)) return walk.error();
//   for (auto e = walk.next(); e != XmlWalk::kDone; e = walk.next()) {
//     if (e == XmlWalk::kError) return walk.error();
//     if (e == XmlWalk::kText) out.append(walk.text());
//   }
#pragma once

#include <string>
#include <string_view>

namespace dpk {

class XmlWalk {
 public:
  enum Event { kStart, kEnd, kText, kDone, kError };

  XmlWalk();
  ~XmlWalk();
  XmlWalk(const XmlWalk&) = delete;
  XmlWalk& operator=(const XmlWalk&) = delete;

  // Starts a walk over an XML part; false (error() says why) when it cannot.
  bool open_xml(std::string_view bytes);
  // Starts a walk over an HTML or XHTML page (parsed first, then walked).
  bool open_html(std::string_view bytes);

  // The next event. An empty element (<w:tab/>) gives kStart then kEnd.
  Event next();

  // The current element's local name (kStart, kEnd), lower case in HTML.
  std::string_view name() const { return name_; }
  // The current element's namespace URI ("" without one; always "" in HTML).
  std::string_view ns() const { return ns_; }
  // The text of a kText event (text, CDATA or significant white space).
  std::string_view text() const { return text_; }
  // On kStart: the value of the attribute with this local name (and
  // namespace, unless ns is null); false when absent.
  bool attr(const char* local_name, const char* ns_uri, std::string& value) const;

  // Why the last open or next failed.
  const std::string& error() const { return error_; }

  // Ends the walk and frees the parser (also done by the next open).
  void close();

 private:
  void* reader_ = nullptr;  // xmlTextReaderPtr
  void* html_doc_ = nullptr;  // htmlDocPtr of open_html
  bool pending_end_ = false;
  std::string_view name_, ns_, text_;
  std::string error_;
};

}  // namespace dpk

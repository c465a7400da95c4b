#include "xml_walk.h"

#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <climits>
#include <mutex>

#include "../extract/libxml_arena.h"

namespace dpk {
namespace {

std::string_view view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

// Keeps the first error's message; libxml2 prints nothing of its own.
void remember_error(void* arg, xmlErrorPtr e) {
  auto* error = static_cast<std::string*>(arg);
  if (!error->empty() || e == nullptr || e->level < XML_ERR_ERROR) return;
  std::string_view m = e->message ? std::string_view(e->message) : std::string_view("XML error");
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.remove_suffix(1);
  error->assign(m);
  if (e->line > 0) error->append(" (line " + std::to_string(e->line) + ")");
}

// Refuses every external entity or DTD a document names (file://, http://):
// the parse options already keep libxml2 from loading them; this makes sure.
xmlParserInputPtr refuse_external_entity(const char*, const char*, xmlParserCtxtPtr) { return nullptr; }

}  // namespace

XmlWalk::XmlWalk() {
  install_libxml_arena();
  static std::once_flag once;
  std::call_once(once, [] { xmlSetExternalEntityLoader(refuse_external_entity); });
}
XmlWalk::~XmlWalk() { close(); }

void XmlWalk::close() {
  if (reader_ != nullptr) xmlFreeTextReader(static_cast<xmlTextReaderPtr>(reader_));
  if (html_doc_ != nullptr) xmlFreeDoc(static_cast<xmlDocPtr>(html_doc_));
  reader_ = nullptr;
  html_doc_ = nullptr;
  pending_end_ = false;
  name_ = ns_ = text_ = {};
}

bool XmlWalk::open_xml(std::string_view bytes) {
  close();
  error_.clear();
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    error_ = "XML part too large";
    return false;
  }
  // No XML_PARSE_NOENT (entities stay unexpanded), no XML_PARSE_DTDLOAD or
  // DTDATTR (nothing fetched), XML_PARSE_NONET (no network whatever a
  // reference says); the DOCTYPE check in next() refuses any DTD at all.
  xmlTextReaderPtr r = xmlReaderForMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (r == nullptr) {
    error_ = "not XML";
    return false;
  }
  xmlTextReaderSetStructuredErrorHandler(r, remember_error, &error_);
  reader_ = r;
  return true;
}

bool XmlWalk::open_html(std::string_view bytes) {
  close();
  error_.clear();
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    error_ = "HTML part too large";
    return false;
  }
  htmlDocPtr doc = htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                                  HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
  if (doc == nullptr) {
    error_ = "not HTML";
    return false;
  }
  html_doc_ = doc;
  reader_ = xmlReaderWalker(doc);
  if (reader_ == nullptr) {
    error_ = "not HTML";
    return false;
  }
  return true;
}

XmlWalk::Event XmlWalk::next() {
  auto* r = static_cast<xmlTextReaderPtr>(reader_);
  if (r == nullptr) return kDone;
  if (pending_end_) {  // the end of an empty element; name_ and ns_ still hold it
    pending_end_ = false;
    return kEnd;
  }
  for (;;) {
    const int got = xmlTextReaderRead(r);
    if (got == 0) return kDone;
    if (got < 0) {
      if (error_.empty()) error_ = "malformed XML";
      return kError;
    }
    switch (xmlTextReaderNodeType(r)) {
      case XML_READER_TYPE_ELEMENT:
        name_ = view(xmlTextReaderConstLocalName(r));
        ns_ = view(xmlTextReaderConstNamespaceUri(r));
        pending_end_ = xmlTextReaderIsEmptyElement(r) == 1;
        return kStart;
      case XML_READER_TYPE_END_ELEMENT:
        name_ = view(xmlTextReaderConstLocalName(r));
        ns_ = view(xmlTextReaderConstNamespaceUri(r));
        return kEnd;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      case XML_READER_TYPE_WHITESPACE:
        text_ = view(xmlTextReaderConstValue(r));
        return kText;
      case XML_READER_TYPE_DOCUMENT_TYPE:
        if (html_doc_ != nullptr) continue;  // an XHTML doctype: the HTML parser loads nothing
        error_ = "a DTD in an XML part (refused: entity expansion, external entities)";
        return kError;
      default: continue;  // comments, processing instructions, entity references (left unexpanded)
    }
  }
}

bool XmlWalk::attr(const char* local_name, const char* ns_uri, std::string& value) const {
  auto* r = static_cast<xmlTextReaderPtr>(reader_);
  if (r == nullptr) return false;
  xmlChar* v = ns_uri ? xmlTextReaderGetAttributeNs(r, BAD_CAST local_name, BAD_CAST ns_uri)
                      : xmlTextReaderGetAttribute(r, BAD_CAST local_name);
  if (v == nullptr) return false;
  value.assign(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return true;
}

}  // namespace dpk

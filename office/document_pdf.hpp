#pragma once
// A document of the office model (office/docx.hpp) laid out as PDF pages:
// the same paragraphs and tables as its Word file, on A4 with the margins
// of GB/T 9704, tables drawn with rules, text wrapped by character width.

#include <string>

#include "office/docx.hpp"

namespace office {

std::string document_pdf(const docx::Document& doc);

}  // namespace office

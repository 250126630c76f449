// libxlsxwriter (Debian libxlsxwriter-dev), the maintained C library that writes XLSX files;
// only `Reports.XLSXRenderer` imports it.
#include <xlsxwriter.h>

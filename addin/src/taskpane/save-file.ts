/**
 * Hands a file the API made to the user: a blob link clicked in the pane's page, which the browser
 * (Excel on the web) and the Office web view (Excel on Windows and Mac, WebView2 / WKWebView) offer
 * as a download.
 */
export function saveFile(
  bytes: ArrayBuffer,
  fileName: string,
  contentType: string,
  doc: Document = document,
): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoked once the click has been handled, so the download has what it needs.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

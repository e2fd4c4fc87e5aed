/** Saves text as a file through the browser's download, without any request leaving the page. */
export function downloadText(text: string, fileName: string, type = 'application/json'): void {
  downloadBlob(text, fileName, type);
}

export function downloadBlob(
  data: string | Uint8Array<ArrayBuffer>,
  fileName: string,
  type: string,
): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  // Some browsers only honour a click on a link that is in the document, and cancel the download
  // if the URL is revoked before it has started.
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

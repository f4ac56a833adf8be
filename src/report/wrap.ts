/** Word-wrap one paragraph to `width` columns with a hanging indent. Long words are broken, never overflow. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  const room = Math.max(20, width - indent.length);
  for (const para of text.split('\n')) {
    // A list item ("1. …", "- …") hangs its continuation lines under its text, not under its marker.
    const marker = /^ {0,8}(?:\d{1,3}[.)]|[-*•]) /.exec(para);
    const hang = marker ? ' '.repeat(marker[0].length) : '';
    let first = true;
    let line = '';
    for (let word of para.split(/ +/)) {
      const lineRoom = first ? room : room - hang.length;
      while (word.length > lineRoom) {
        if (line) { out.push(indent + (first ? '' : hang) + line); line = ''; first = false; }
        out.push(indent + (first ? '' : hang) + word.slice(0, room - hang.length));
        word = word.slice(room - hang.length);
        first = false;
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= (first ? room : room - hang.length)) line += ' ' + word;
      else { out.push(indent + (first ? '' : hang) + line); line = word; first = false; }
    }
    out.push(indent + (first ? '' : hang) + line);
  }
  return out;
}

/** Cut a value for display, marking the cut. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)) + '…';
}

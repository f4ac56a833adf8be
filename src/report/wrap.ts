/** Word-wrap one paragraph to `width` columns with a hanging indent. Long words are broken, never overflow. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const out: string[] = [];
  const room = Math.max(20, width - indent.length);
  for (const para of text.split('\n')) {
    let line = '';
    for (let word of para.split(/ +/)) {
      while (word.length > room) {
        if (line) { out.push(indent + line); line = ''; }
        out.push(indent + word.slice(0, room));
        word = word.slice(room);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= room) line += ' ' + word;
      else { out.push(indent + line); line = word; }
    }
    out.push(indent + line);
  }
  return out;
}

/** Cut a value for display, marking the cut. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)) + '…';
}

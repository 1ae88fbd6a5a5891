// The start form's extras beyond task, seed, provider and monitor: a program file, read in
// the browser and sent with Start as its text (it runs as `run --program` does: never
// repaired, no knowledge), and vision (the failing checkpoint's images with repair prompts).

import { MAX_VIEWER_PROGRAM_CHARS } from '../protocol.ts';
import type { StartRequest } from '../protocol.ts';
import { byId } from './dom.ts';

export class StartFormExtras {
  private readonly file = byId<HTMLInputElement>('program-file');
  private readonly clear = byId<HTMLButtonElement>('program-clear');
  private readonly note = byId('program-file-note');
  private readonly vision = byId<HTMLInputElement>('vision');
  private readonly repairs = byId<HTMLInputElement>('max-repairs');
  /** The chosen program's text and file name; null when the provider writes the program. */
  program: { text: string; name: string } | null = null;
  /** A problem with the chosen file, shown instead of starting. */
  problem: string | null = null;

  constructor() {
    this.file.addEventListener('change', () => void this.read());
    this.clear.addEventListener('click', () => {
      this.file.value = '';
      void this.read();
    });
  }

  private async read(): Promise<void> {
    const f = this.file.files?.[0] ?? null;
    this.program = null;
    this.problem = null;
    if (f) {
      const text = await f.text();
      if (text.trim() === '') this.problem = `program file ${f.name}: it is empty`;
      else if (text.length > MAX_VIEWER_PROGRAM_CHARS)
        this.problem = `program file ${f.name}: ${text.length} characters; a program may hold at most ${MAX_VIEWER_PROGRAM_CHARS}`;
      else this.program = { text, name: f.name };
    }
    this.clear.hidden = f === null;
    this.repairs.disabled = this.program !== null;
    this.note.textContent = this.problem ?? (this.program ? `runs ${this.program.name} as given: no repairs` : '');
    this.note.classList.toggle('bad', this.problem !== null);
  }

  /** The fields they add to a start message. */
  fields(): Pick<StartRequest, 'program' | 'programName' | 'vision'> {
    return {
      ...(this.vision.checked ? { vision: true } : {}),
      ...(this.program ? { program: this.program.text, programName: this.program.name } : {}),
    };
  }
}

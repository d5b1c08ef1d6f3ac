/**
 * The translation catalogues, one JSON file per top-level namespace (`en/jobs.json` holds every
 * `jobs.*` key) so that features own their texts and edits to one page do not collide.
 */
export type Catalogue = { [key: string]: string | Catalogue };

const englishFiles = import.meta.glob<Catalogue>('./en/*.json', { eager: true, import: 'default' });
const turkishFiles = import.meta.glob<Catalogue>('./tr/*.json', { eager: true, import: 'default' });

function assemble(files: Record<string, Catalogue>): Catalogue {
  const catalogue: Catalogue = {};
  for (const [path, namespace] of Object.entries(files)) {
    const name = /\/([\w-]+)\.json$/.exec(path)?.[1];
    if (name !== undefined) catalogue[name] = namespace;
  }
  return catalogue;
}

export const en = assemble(englishFiles);
export const tr = assemble(turkishFiles);

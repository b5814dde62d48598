/**
 * An edition's folder is named by its date, YYYY-MM-DD: in content/ (at any depth, e.g.
 * content/2020/2020-06-05/) and in the output (`_site/2020-06-05/`). A module of its own, with no
 * imports, so that the fingerprint, which every build runs before it loads anything else, can
 * use it without loading the content reader.
 */
export const EDITION_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

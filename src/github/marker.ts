// One marker for the renderer and the publisher: it finds the sticky comment again, and attestations skip it.
export { COMMENT_MARKER } from '../report/markdown.js'

// Stands in for the '@tensorflow/tfjs' umbrella package that face-api.node-wasm.js requires:
// facets has only the parts (tfjs-core 4.22 + cpu backend + converter) as devDependencies.
// Used by bench/models/models.bench.ts only, to run face-api.js itself as the peer.
const core = require('@tensorflow/tfjs-core');
// face-api.js calls chained ops (t.as3D, t.div, ...) that tfjs-core 4 only adds on request.
require('@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops');
require('@tensorflow/tfjs-backend-cpu');
const converter = require('@tensorflow/tfjs-converter');
module.exports = { ...core, ...converter };

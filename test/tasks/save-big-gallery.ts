// Child process for the crash-during-save test: saves a large gallery to argv[2].
import { Gallery, saveGallery } from '../../src/tasks/gallery.js';

const g = new Gallery({ model: 'big', metric: 'euclidean' });
const v = new Float32Array(512).fill(0.5);
for (let i = 0; i < 50_000; i++) g.addEmbedding(`p${i}`, v);
await saveGallery(g, process.argv[2]!);

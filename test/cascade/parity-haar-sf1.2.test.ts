// Fixture: ../shared/fixtures/opencv-cascade (OpenCV 4.6 detectMultiScale on 15 grey images).
import { describeCascadeParity } from './fixtures.js';

describeCascadeParity('haar', 'haarcascade_frontalface_default.xml', (n) => n !== 'haar_sf1.1_mn3', 15);

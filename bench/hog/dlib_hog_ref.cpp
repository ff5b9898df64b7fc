// dlib 19.24 reference dumps for facets HOG cross-checks (dev tool; not part of the build or tests).
// Written for facets against the dlib API (not copied from dlib). Build on Debian bookworm:
//   apt-get install libdlib-dev libpng-dev libjpeg-dev
//   g++ -O2 -std=c++14 -DDLIB_PNG_SUPPORT -DDLIB_JPEG_SUPPORT bench/hog/dlib_hog_ref.cpp -o /tmp/dlib_hog_ref \
//       -ldlib -lpthread -lpng -lz -ljpeg /usr/lib/x86_64-linux-gnu/liblapack.so.3 /usr/lib/x86_64-linux-gnu/libblas.so.3 -lsqlite3
// (baseline x86-64 flags, no -march: the fixtures come from dlib's SSE2 code path.)
// Modes:
//   fhog <rgb|gray> in.png out.bin        31 planes of extract_fhog_features(img, 8, 10, 10), float32
//   pyr  <rgb|gray> in.png out.bin N      N successive pyramid_down<6> images
//   up   rgb in.png out.bin               pyramid_up(img)
//   detect <rgb|gray> <upsample> a.png... one JSON line per image: [l,t,r,b,score,weight_index]

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_io.h>
#include <dlib/image_transforms.h>
#include <cstdio>
#include <fstream>
#include <iostream>
using namespace dlib;

template <typename img_t>
void dump_fhog(const img_t& img, const char* out) {
  dlib::array<array2d<float>> hog;
  extract_fhog_features(img, hog, 8, 10, 10);
  std::ofstream f(out, std::ios::binary);
  int nr = hog[0].nr(), nc = hog[0].nc();
  f.write((char*)&nr, 4); f.write((char*)&nc, 4);
  for (int k = 0; k < 31; ++k)
    for (int r = 0; r < nr; ++r) f.write((char*)&hog[k][r][0], 4 * nc);
}

template <typename img_t>
void dump_pyr(img_t& img, const char* out, int levels) {
  std::ofstream f(out, std::ios::binary);
  pyramid_down<6> pyr;
  for (int l = 0; l < levels; ++l) {
    img_t tmp;
    pyr(img, tmp);
    swap(img, tmp);
    int nr = img.nr(), nc = img.nc();
    f.write((char*)&nr, 4); f.write((char*)&nc, 4);
    for (int r = 0; r < nr; ++r) f.write((char*)&img[r][0], sizeof(img[0][0]) * nc);
  }
}

template <typename img_t>
void detect(frontal_face_detector& det, img_t& img, int ups, const char* name) {
  pyramid_down<2> pyr;
  for (int i = 0; i < ups; ++i) pyramid_up(img);
  std::vector<rect_detection> dets;
  det(img, dets, 0);
  printf("{\"image\":\"%s\",\"upsample\":%d,\"faces\":[", name, ups);
  for (size_t i = 0; i < dets.size(); ++i) {
    rectangle r = dets[i].rect;
    if (ups > 0) r = pyr.rect_down(r, ups);
    printf("%s[%ld,%ld,%ld,%ld,%.9f,%lu]", i ? "," : "", r.left(), r.top(), r.right(), r.bottom(), dets[i].detection_confidence, dets[i].weight_index);
  }
  printf("]}\n");
}

int main(int argc, char** argv) {
  std::string mode = argv[1];
  bool gray = std::string(argv[2]) == "gray";
  if (mode == "fhog" || mode == "pyr") {
    if (gray) { array2d<unsigned char> img; load_image(img, argv[3]); if (mode == "fhog") dump_fhog(img, argv[4]); else dump_pyr(img, argv[4], atoi(argv[5])); }
    else { array2d<rgb_pixel> img; load_image(img, argv[3]); if (mode == "fhog") dump_fhog(img, argv[4]); else dump_pyr(img, argv[4], atoi(argv[5])); }
    return 0;
  }
  if (mode == "up") {
    array2d<rgb_pixel> img; load_image(img, argv[3]); pyramid_up(img);
    std::ofstream f(argv[4], std::ios::binary); int nr = img.nr(), nc = img.nc();
    f.write((char*)&nr, 4); f.write((char*)&nc, 4);
    for (int r = 0; r < nr; ++r) f.write((char*)&img[r][0], 3 * nc);
    return 0;
  }
  // detect <rgb|gray> <upsample> files...
  frontal_face_detector det = get_frontal_face_detector();
  int ups = atoi(argv[3]);
  for (int i = 4; i < argc; ++i) {
    if (gray) { array2d<unsigned char> img; load_image(img, argv[i]); detect(det, img, ups, argv[i]); }
    else { array2d<rgb_pixel> img; load_image(img, argv[i]); detect(det, img, ups, argv[i]); }
  }
}

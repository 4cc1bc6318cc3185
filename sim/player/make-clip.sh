#!/usr/bin/env bash
# Makes the clip lurk-sim's player streams (sim/player/clip/): 4 seconds of ffmpeg's testsrc2
# pattern (a moving ball, a scrolling gradient and a running frame counter, so every frame
# differs) with a quiet tick (an 880 Hz beep at the start of each second over a 440 Hz tone,
# at -28 dB), encoded the way Twitch delivers video to its web player: H.264 Main profile
# level 3.1 (avc1.4D401F) and AAC-LC (mp4a.40.2), 640x360 at 30 frames per second, muxed into
# fragmented MP4 for Media Source Extensions: an init segment (ftyp + moov) and four 1-second
# media segments (styp + sidx + moof + mdat, both tracks in each), each starting on a keyframe,
# listed in an HLS playlist (clip.m3u8) that the player page reads.
#
# It was run once, with Debian 12's ffmpeg 5.1.9 (libx264 0.164.3095, ffmpeg's own AAC encoder);
# ffmpeg is not a build dependency, the output is committed. Everything is single-threaded
# and bitexact, so the same ffmpeg makes the same bytes.
#
#   sim/player/make-clip.sh [OUTPUT_DIR]      (default: sim/player/clip)
set -euo pipefail

out=${1:-$(dirname "$0")/clip}
mkdir -p "$out"
rm -f "$out"/init.mp4 "$out"/seg-*.m4s "$out"/clip.m3u8

cd "$out"
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=size=640x360:rate=30:duration=4" \
  -f lavfi -i "sine=frequency=440:beep_factor=2:sample_rate=48000:duration=4" \
  -map 0:v -map 1:a -map_metadata -1 -fflags +bitexact -threads 1 \
  -c:v libx264 -profile:v main -level:v 3.1 -pix_fmt yuv420p -preset medium \
  -b:v 450k -maxrate 500k -bufsize 500k -g 30 -keyint_min 30 -sc_threshold 0 \
  -x264-params "threads=1:bframes=0" -flags:v +bitexact \
  -af volume=-28dB -c:a aac -profile:a aac_low -b:a 96k -ac 2 -ar 48000 -flags:a +bitexact \
  -f hls -hls_time 1 -hls_playlist_type vod -hls_segment_type fmp4 \
  -hls_fmp4_init_filename init.mp4 -hls_segment_filename 'seg-%d.m4s' \
  clip.m3u8

ls -l

/* lurk-sim's live player: what Twitch's web player does with a live stream, on a 4-second
 * clip (clip/, made by make-clip.sh) that loops forever.
 *
 * Media Source Extensions with one SourceBuffer of fragmented MP4, H.264 + AAC muxed
 * (video/mp4; codecs="avc1.4D401F,mp4a.40.2"): the playlist (clip.m3u8) names the init
 * segment and the media segments; the init segment is appended once, then the media segments
 * in turn, each loop with a timestampOffset one clip-length further, so the timeline only grows
 * like a live stream's. The page keeps about AHEAD seconds buffered ahead of the playhead,
 * removes what is more than BEHIND seconds behind it, and jumps back to the live edge when
 * playback falls more than LATE seconds behind the newest frame.
 *
 * Where the engine cannot decode the stream it shows Twitch's error #4000, as Twitch does.
 * Its playback figures (decoded frames, playhead) are in window.lurkSimPlayer and posted to
 * the parent page every half second as {lurkSimPlayer: {...}}, for tests.
 */
'use strict';
(() => {
  const TYPE = 'video/mp4; codecs="avc1.4D401F,mp4a.40.2"';
  const BASE = '/embed/player/assets/';
  const AHEAD = 3, BEHIND = 8, LATE = 6;
  const video = document.getElementById('video');
  const stats = window.lurkSimPlayer = {
    supported: false, frames: 0, dropped: 0, currentTime: 0, buffered: 0, bufferedFrom: 0,
    loops: 0, jumps: 0, error: null,
  };

  const report = () => {
    const q = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
    stats.frames = q ? q.totalVideoFrames : 0;
    stats.dropped = q ? q.droppedVideoFrames : 0;
    stats.currentTime = video.currentTime;
    stats.paused = video.paused;
    if (window.parent !== window)
      window.parent.postMessage({ lurkSimPlayer: Object.assign({}, stats) }, '*');
  };
  setInterval(report, 500);

  const fail = (text) => {
    stats.error = text;
    const card = document.getElementById('error');
    card.querySelector('p').textContent = text;
    card.hidden = false;
    video.hidden = true;
    report();
  };

  if (!window.MediaSource || !MediaSource.isTypeSupported(TYPE)) {
    fail(video.dataset.unsupported);
    return;
  }
  stats.supported = true;
  video.muted = video.dataset.muted === 'true';

  const fetchBytes = (name) => fetch(BASE + name).then((r) => {
    if (!r.ok)
      throw new Error(name + ': HTTP ' + r.status);
    return r.arrayBuffer();
  });

  /* The playlist: #EXT-X-MAP:URI="init" and #EXTINF:seconds, followed by a segment's name. */
  const parsePlaylist = (text) => {
    const map = /#EXT-X-MAP:URI="([^"]+)"/.exec(text);
    const segments = [];
    let duration = null;
    for (const line of text.split('\n').map((l) => l.trim())) {
      if (line.startsWith('#EXTINF:'))
        duration = parseFloat(line.slice(8));
      else if (line && !line.startsWith('#') && duration !== null) {
        segments.push({ name: line, duration });
        duration = null;
      }
    }
    if (!map || segments.length === 0)
      throw new Error('clip.m3u8: no init segment or no media segments');
    return { init: map[1], segments };
  };

  const start = async () => {
    const playlist = parsePlaylist(await (await fetch(BASE + 'clip.m3u8')).text());
    const init = await fetchBytes(playlist.init);
    const media = await Promise.all(playlist.segments.map((s) => fetchBytes(s.name)));
    const clipLength = playlist.segments.reduce((sum, s) => sum + s.duration, 0);

    const source = new MediaSource();
    video.src = URL.createObjectURL(source);
    await new Promise((resolve) => source.addEventListener('sourceopen', resolve, { once: true }));
    const buffer = source.addSourceBuffer(TYPE);
    const done = () => new Promise((resolve, reject) => {
      const ok = () => { buffer.removeEventListener('error', bad); resolve(); };
      const bad = () => { buffer.removeEventListener('updateend', ok); reject(new Error('append')); };
      buffer.addEventListener('updateend', ok, { once: true });
      buffer.addEventListener('error', bad, { once: true });
    });
    const append = (bytes) => { const d = done(); buffer.appendBuffer(bytes); return d; };
    const remove = (from, to) => { const d = done(); buffer.remove(from, to); return d; };
    const bufferedEnd = () =>
      buffer.buffered.length ? buffer.buffered.end(buffer.buffered.length - 1) : 0;

    await append(init);

    let next = 0;
    let busy = false;
    const pump = async () => {
      if (busy)
        return;
      busy = true;
      try {
        /* New segments, as a live stream's arrive. */
        while (bufferedEnd() - video.currentTime < AHEAD) {
          const loop = Math.floor(next / media.length);
          buffer.timestampOffset = loop * clipLength;
          await append(media[next % media.length]);
          stats.loops = loop;
          next++;
        }
        stats.buffered = bufferedEnd() - video.currentTime;
        stats.bufferedFrom = buffer.buffered.length ? buffer.buffered.start(0) : 0;

        /* Near the live edge, as Twitch's low-latency player stays. */
        if (bufferedEnd() - video.currentTime > LATE) {
          video.currentTime = bufferedEnd() - AHEAD / 2;
          stats.jumps++;
        }

        /* Old frames go, so memory stays flat however long the stream runs. */
        const start = buffer.buffered.length ? buffer.buffered.start(0) : 0;
        if (video.currentTime - BEHIND > start + 1)
          await remove(0, video.currentTime - BEHIND);
      } catch (e) {
        stats.error = String(e);
      } finally {
        busy = false;
      }
    };

    await pump();
    video.addEventListener('timeupdate', pump);
    setInterval(pump, 250);
    video.play().catch(() => {
      /* Autoplay with sound refused: play muted, as Twitch's player does. */
      video.muted = true;
      return video.play();
    }).catch((e) => { stats.error = String(e); });
  };

  start().catch((e) => fail(String(e)));
})();

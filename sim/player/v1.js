/* lurk-sim's embed API: the `Twitch.Player` of Twitch's https://player.twitch.tv/js/embed/v1.js
 * (dev.twitch.tv/docs/embed/video-and-clips), for the simulator's player.
 *
 * new Twitch.Player(divId, {channel, parent: [...], width, height, autoplay, muted}) frames
 * this origin's /embed/player in the element divId, and learns from the frame's bridge.js what
 * the frame's video does. Events as Twitch names them (Twitch.Player.READY, PLAY, PLAYING,
 * PAUSE, ONLINE, OFFLINE, ENDED); getPlaybackStats() with hlsLatencyBroadcaster (the latency
 * POST /sim/player sets, seconds, live only); isPaused(), getEnded(), getChannel(),
 * getMuted()/setMuted(), play(), pause(); and getPlayerState(), which Twitch's page does not
 * document but its script has.
 */
'use strict';
(() => {
  if (window.Twitch && window.Twitch.Player)
    return;

  const ORIGIN = new URL(document.currentScript.src).origin;
  const EVENTS = {
    CAPTIONS: 'captions', ENDED: 'ended', PAUSE: 'pause', PLAY: 'play',
    PLAYBACK_BLOCKED: 'playbackBlocked', PLAYING: 'playing', OFFLINE: 'offline',
    ONLINE: 'online', READY: 'ready', SEEK: 'seek',
  };
  const size = (value, fallback) =>
    value === undefined ? fallback : (typeof value === 'number' ? value + 'px' : String(value));
  let sessions = 0;

  class Player {
    constructor(divId, options) {
      const o = options || {};
      const div = document.getElementById(divId);
      if (!div)
        throw new Error('Twitch.Player: no element with the id ' + divId);

      this._listeners = new Map();
      this._channel = o.channel || null;
      this._muted = !!o.muted;
      this._ready = false;
      this._live = null;
      this._paused = true;
      this._playback = 'Idle';
      this._stats = {
        backendVersion: 'lurk-sim', bufferSize: 0, codecs: '', displayResolution: '', fps: 0,
        hlsLatencyBroadcaster: 0, playbackRate: 0, skippedFrames: 0, videoResolution: '',
      };

      const url = new URL('/embed/player', ORIGIN);
      if (this._channel)
        url.searchParams.set('channel', this._channel);
      for (const parent of [].concat(o.parent || []))
        url.searchParams.append('parent', parent);
      url.searchParams.set('autoplay', o.autoplay === false ? 'false' : 'true');
      url.searchParams.set('muted', this._muted ? 'true' : 'false');

      const frame = document.createElement('iframe');
      frame.src = url.href;
      frame.setAttribute('allow', 'autoplay; fullscreen; encrypted-media');
      frame.setAttribute('allowfullscreen', '');
      frame.setAttribute('scrolling', 'no');
      frame.style.border = '0';
      frame.style.display = 'block';
      frame.style.width = size(o.width, '940px');
      frame.style.height = size(o.height, '480px');
      div.appendChild(frame);
      this._frame = frame;

      window.addEventListener('message', (e) => this._receive(e));
    }

    _emit(name, data) {
      for (const callback of (this._listeners.get(name) || []).slice()) {
        try {
          callback(data);
        } catch (error) {
          setTimeout(() => { throw error; });
        }
      }
    }

    _setLive(live) {
      if (this._live === live)
        return;
      this._live = live;
      if (live) {
        this._playback = 'Ready';
        this._emit(EVENTS.ONLINE);
      } else {
        this._playback = 'Ended';
        this._emit(EVENTS.OFFLINE);
        this._emit(EVENTS.ENDED);
      }
    }

    _receive(e) {
      const m = e.data && e.data.lurkSimEmbed;
      if (e.origin !== ORIGIN || e.source !== this._frame.contentWindow || !m ||
          typeof m !== 'object')
        return;
      if (m.stats && typeof m.stats === 'object')
        this._stats = Object.assign({}, m.stats);
      if (typeof m.paused === 'boolean')
        this._paused = m.paused;

      switch (m.kind) {
      case 'hello':
        if (!this._ready) {
          this._ready = true;
          this._playback = 'Ready';
          this._emit(EVENTS.READY);
        }
        this._setLive(!!m.live);
        break;
      case 'online':
      case 'offline':
        this._setLive(m.kind === 'online');
        break;
      case 'play':
        this._playback = 'Buffering';
        this._emit(EVENTS.PLAY, { sessionId: 'lurk-sim-' + ++sessions });
        break;
      case 'playing':
        this._playback = 'Playing';
        this._emit(EVENTS.PLAYING);
        break;
      case 'pause':
        this._playback = 'Ready';
        this._emit(EVENTS.PAUSE);
        break;
      }
    }

    _command(command) {
      this._frame.contentWindow.postMessage({ lurkSimCommand: command }, ORIGIN);
    }

    addEventListener(name, callback) {
      if (!this._listeners.has(name))
        this._listeners.set(name, []);
      this._listeners.get(name).push(callback);
    }

    removeEventListener(name, callback) {
      const list = this._listeners.get(name) || [];
      const i = list.indexOf(callback);
      if (i >= 0)
        list.splice(i, 1);
    }

    getPlaybackStats() { return Object.assign({}, this._stats); }
    getPlayerState() {
      return {
        channelName: this._channel, currentTime: 0, duration: 0, ended: this._live === false,
        muted: this._muted, playback: this._playback, stats: { videoStats: this.getPlaybackStats() },
      };
    }
    isPaused() { return this._paused; }
    getEnded() { return this._live === false; }
    getChannel() { return this._channel; }
    getMuted() { return this._muted; }
    setMuted(muted) { this._muted = !!muted; this._command(muted ? 'mute' : 'unmute'); }
    play() { this._command('play'); }
    pause() { this._command('pause'); }
  }
  Object.assign(Player, EVENTS);

  window.Twitch = window.Twitch || {};
  window.Twitch.Player = Player;
})();
